/**
 * Keeps one internals snapshot of the live model up to date: recomputed at once when
 * the image, the options or the model change, and at most every LIVE_INTERVAL_MS while
 * the network trains. Updates never overlap (see ThrottledRunner), so a slow update
 * delays the next one instead of piling up work that would slow training down.
 */
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { computeInternals, type InternalsRequest, type InternalsSnapshot } from '../../ml/internals/snapshot';
import { usePlayground, usePlaygroundStore } from '../../state/usePlayground';
import { ThrottledRunner } from './throttledRunner';

export const LIVE_INTERVAL_MS = 1500;

export interface SnapshotResult {
  readonly snapshot: InternalsSnapshot;
  /** Training batches completed when the snapshot was taken (0 = untrained). */
  readonly batchesSeen: number;
}

/** Milliseconds of one update: the tensor work with read-back, then rendering and drawing every view. */
export interface UpdateTiming {
  readonly computeMs: number;
  readonly drawMs: number;
}

export interface InternalsState {
  readonly result: SnapshotResult | null;
  readonly error: string | null;
  /** Ask for an update now (the "Refresh" button). */
  readonly refresh: () => void;
}

/** `request` null = nothing to show (no image yet); `requestKey` changes whenever the request does. */
export function useInternalsSnapshot(
  request: InternalsRequest | null,
  requestKey: string,
  live: boolean,
  enabled: boolean,
  onTiming?: (timing: UpdateTiming) => void,
): InternalsState {
  const store = usePlaygroundStore();
  const { modelRevision, training } = usePlayground();
  const [result, setResult] = useState<SnapshotResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const requestRef = useRef(request);
  const runnerRef = useRef<ThrottledRunner | null>(null);
  const onTimingRef = useRef(onTiming);

  useEffect(() => {
    requestRef.current = request;
    onTimingRef.current = onTiming;
  });

  useEffect(() => {
    const runner = new ThrottledRunner(async () => {
      const model = store.getModel();
      const current = requestRef.current;
      if (!model || !current) return;
      const batchesSeen = store.getSnapshot().training.batches.length;
      try {
        const snapshot = await computeInternals(model, current);
        if (store.getModel() !== model) return; // a new model replaced it meanwhile; its own update follows
        // Render synchronously (the canvases draw in layout effects) so the drawing can be timed.
        const drawStart = performance.now();
        flushSync(() => {
          setResult({ snapshot, batchesSeen });
          setError(null);
        });
        onTimingRef.current?.({ computeMs: snapshot.millis, drawMs: performance.now() - drawStart });
      } catch (e) {
        if (store.getModel() !== model) return; // the model was disposed mid-update: not an error
        setError((e as Error).message);
      }
    }, LIVE_INTERVAL_MS);
    runnerRef.current = runner;
    return () => runner.dispose();
  }, [store]);

  useEffect(() => {
    if (enabled) runnerRef.current?.now();
  }, [enabled, requestKey, modelRevision]);

  const batches = training.batches.length;
  useEffect(() => {
    if (enabled && live) runnerRef.current?.soon();
  }, [enabled, live, batches, training.status]);

  return { result: enabled ? result : null, error, refresh: () => runnerRef.current?.now() };
}
