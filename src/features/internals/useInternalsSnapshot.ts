/**
 * Keeps one internals snapshot of the live model up to date: recomputed at once when
 * the image, the options or the model change, and at most every LIVE_INTERVAL_MS while
 * the network trains. The engine computes it (in its worker); updates never overlap (see
 * ThrottledRunner), so a slow update delays the next one instead of piling up work that
 * would slow training down.
 */
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { InternalsRequest, InternalsSnapshot } from '../../ml/internals/snapshot';
import { useAppSelector, useAppStore } from '../../state/hooks';
import { selectRunStatus } from '../../state/runStatus';
import { ThrottledRunner } from './throttledRunner';

export const LIVE_INTERVAL_MS = 1500;

export interface SnapshotResult {
  readonly snapshot: InternalsSnapshot;
  /** Training batches the model had been trained for when the snapshot was taken (0 = untrained). */
  readonly batchesSeen: number;
  /** The model in words when it was not trained in this run (the pretrained one, a saved one), from the one run status. */
  readonly loadedModel: string | null;
}

/** Milliseconds of one update: the engine's tensor work with read-back, then rendering and drawing every view. */
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
  const store = useAppStore();
  const modelRevision = useAppSelector((s) => s.model.revision);
  const modelReady = useAppSelector((s) => s.model.ready);
  const batches = useAppSelector((s) => s.training.batches.length);
  const status = useAppSelector((s) => s.training.status);
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
      const current = requestRef.current;
      if (!current || !store.getState().model.ready) return;
      const revision = store.getState().model.revision;
      const batchesSeen = store.getState().training.batches.length;
      const model = store.getState().model;
      const loadedModel = batchesSeen === 0 && model.source !== 'untrained' ? selectRunStatus(store.getState()).modelLong : null;
      try {
        const { snapshot } = await store.inspect(current);
        if (store.getState().model.revision !== revision) return; // a new model replaced it meanwhile; its own update follows
        // Render synchronously (the canvases draw in layout effects) so the drawing can be timed.
        const drawStart = performance.now();
        flushSync(() => {
          setResult({ snapshot, batchesSeen, loadedModel });
          setError(null);
        });
        onTimingRef.current?.({ computeMs: snapshot.millis, drawMs: performance.now() - drawStart });
      } catch (e) {
        if (store.getState().model.revision !== revision) return; // the model was replaced mid-update: not an error
        setError((e as Error).message);
      }
    }, LIVE_INTERVAL_MS);
    runnerRef.current = runner;
    return () => runner.dispose();
  }, [store]);

  useEffect(() => {
    if (enabled && modelReady) runnerRef.current?.now();
  }, [enabled, requestKey, modelRevision, modelReady]);

  useEffect(() => {
    if (enabled && live) runnerRef.current?.soon();
  }, [enabled, live, batches, status]);

  return { result: enabled ? result : null, error, refresh: () => runnerRef.current?.now() };
}
