import { useEffect, useMemo, useRef, useState } from 'react';
import { preprocessImage, type PreprocessResult, type RgbaRaster } from '../../ml/preprocess';
import { throttle } from '../../ml/util/throttle';
import { useAppSelector, useAppStore } from '../../state/hooks';
import { selectTrainingProgressCount } from '../../state/selectors';
import { isBlank } from './inputAdvice';
import { LatestOnlyRunner } from './latestOnlyRunner';

/** While the model trains, the prediction is refreshed at most this often. */
const TRAINING_REFRESH_MS = 1000;

export interface Prediction {
  /** 10 class probabilities (0..1, sum 1). */
  readonly probabilities: Float32Array;
  /** The 28x28 bytes they were computed for. */
  readonly pixels: Uint8Array;
  readonly modelRevision: number;
}

export interface Classification {
  readonly result: PreprocessResult | null;
  readonly prediction: Prediction | null;
  readonly error: string | null;
}

/**
 * Preprocesses `raster` and asks the engine for its class with the current model, again
 * whenever the model is replaced and every second while it trains. One prediction runs at
 * a time, always on the newest input.
 */
export function useClassification(raster: RgbaRaster | null): Classification {
  const store = useAppStore();
  const modelRevision = useAppSelector((s) => s.model.revision);
  const modelReady = useAppSelector((s) => s.model.ready);
  const progress = useAppSelector(selectTrainingProgressCount);
  const testCount = useAppSelector((s) => s.test?.count ?? 0);
  const [prediction, setPrediction] = useState<Prediction | null>(null);
  const [predictError, setPredictError] = useState<string | null>(null);

  const processed = useMemo(() => {
    if (!raster) return { result: null, error: null };
    try {
      return { result: preprocessImage(raster), error: null };
    } catch (error) {
      return { result: null, error: `This image could not be prepared for the model: ${(error as Error).message}` };
    }
  }, [raster]);
  const pixels = processed.result && !isBlank(processed.result) ? processed.result.pixels : null;

  const runner = useRef<LatestOnlyRunner<{ pixels: Uint8Array; revision: number }, Float32Array> | null>(null);
  const latest = useRef({ pixels, modelRevision });
  useEffect(() => {
    latest.current = { pixels, modelRevision };
  });

  const refresh = useRef<ReturnType<typeof throttle> | null>(null);
  useEffect(() => {
    const instance = new LatestOnlyRunner<{ pixels: Uint8Array; revision: number }, Float32Array>(
      ({ pixels: input }) => store.predict(input),
      (outcome) => {
        if ('output' in outcome) {
          setPrediction({ probabilities: outcome.output, pixels: outcome.input.pixels, modelRevision: outcome.input.revision });
          setPredictError(null);
        } else {
          setPredictError(`The model could not make a prediction: ${(outcome.error as Error).message}`);
        }
      },
    );
    runner.current = instance;
    // The weights change while training: refresh the prediction, throttled.
    const refreshing = throttle(() => {
      const { pixels: current, modelRevision: revision } = latest.current;
      if (current) instance.request({ pixels: current, revision });
    }, TRAINING_REFRESH_MS);
    refresh.current = refreshing;
    return () => {
      refreshing.cancel();
      instance.dispose();
    };
  }, [store]);

  // New input, or a new model: predict now.
  useEffect(() => {
    if (!pixels || !modelReady) return;
    runner.current?.request({ pixels, revision: modelRevision });
  }, [pixels, modelRevision, modelReady]);

  useEffect(() => {
    if (progress > 0) refresh.current?.request();
  }, [progress, testCount]);

  // Only the prediction for this very image: a new image shows none until its own arrives (the
  // engine answers a moment later), never the previous image's.
  const current = pixels && prediction && prediction.pixels === pixels ? prediction : null;
  return { result: processed.result, prediction: current, error: processed.error ?? predictError };
}
