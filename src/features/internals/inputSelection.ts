/**
 * A tiny shared store for "show the internals of this image", so other panels (the
 * classify panel's drawing, the evaluation gallery) can send an image here without
 * importing this panel:
 *   setInternalsInput(pixels, 'Your drawing')   // 784 bytes, 0 = black background
 * The internals panel switches to that image and opens.
 */
import { useSyncExternalStore } from 'react';
import { IMAGE_PIXELS } from '../../ml/constants';

export interface ExternalInput {
  /** 28×28 bytes, 0..255, row-major, white garment on black like Fashion-MNIST. */
  readonly pixels: Uint8Array;
  readonly label: string;
  /** Bumped on every call, so the same image sent twice still refreshes. */
  readonly revision: number;
  /** Whether the panel should open and bring itself into view (false for live follow-ups). */
  readonly reveal: boolean;
}

interface ViewState {
  readonly external: ExternalInput | null;
  readonly open: boolean;
}

let state: ViewState = { external: null, open: false };
const listeners = new Set<() => void>();

function update(next: ViewState): void {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Shows `pixels` (784 bytes, a copy is kept) in the internals panel, labelled `label`. With
 * `reveal` (the default) the panel opens and brings itself into view; without it the image
 * is only swapped (a drawing being followed as it changes), and a closed panel stays closed.
 */
export function setInternalsInput(pixels: Uint8Array, label: string, { reveal = true }: { reveal?: boolean } = {}): void {
  if (pixels.length !== IMAGE_PIXELS) throw new RangeError(`the internals view takes a 28×28 image (${IMAGE_PIXELS} bytes), got ${pixels.length} bytes`);
  update({ external: { pixels: pixels.slice(), label, revision: (state.external?.revision ?? 0) + 1, reveal }, open: reveal || state.open });
}

/** Opens (or closes) the internals panel. */
export function setInternalsOpen(open: boolean): void {
  if (open !== state.open) update({ ...state, open });
}

export function getInternalsView(): ViewState {
  return state;
}

export function useInternalsView(): ViewState {
  return useSyncExternalStore(subscribe, getInternalsView);
}
