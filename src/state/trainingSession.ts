/**
 * One training run as the store sees it: train, publish throttled progress into AppState,
 * then evaluate on the test images (also after Stop, so a stopped model is still scored).
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../ml/config/runConfig';
import { trainConfigFor } from '../ml/config/trainConfig';
import { range } from '../ml/data/batches';
import type { FashionMnistData } from '../ml/data/dataset';
import type { ModelSpec } from '../ml/model/spec';
import type { TrainingControl } from '../ml/training/control';
import { predictInBatches, scorePredictions } from '../ml/training/evaluate';
import { trainModel } from '../ml/training/trainer';
import type { StateCell } from './stateCell';
import { throttle } from './throttle';
import type { AppState, BatchPoint, TestEvaluation, TrainingState } from './types';

/** Chart and progress updates at most this often while training. */
export const PUBLISH_INTERVAL_MS = 250;

/** Extra work after each epoch, awaited by the loop (e.g. a confusion matrix on a test subset). */
export type EpochHook = (context: { model: tf.LayersModel; epoch: number; data: FashionMnistData; signal: AbortSignal }) => Promise<void>;

export interface SessionContext {
  readonly cell: StateCell<AppState>;
  readonly model: tf.LayersModel;
  readonly optimizer: tf.Optimizer;
  readonly data: FashionMnistData;
  readonly config: RunConfig;
  /** The recipe the model trains with (L2, augmentation). */
  readonly spec: ModelSpec;
  readonly control: TrainingControl;
  readonly signal: AbortSignal;
  readonly epochHooks: readonly EpochHook[];
  /** Aborts the evaluation; set while it runs so Stop can cancel it. */
  readonly onEvaluationStart: (controller: AbortController) => void;
  /** Receives the test evaluation just before the state announces it. */
  readonly onEvaluated: (evaluation: TestEvaluation) => void;
}

function setTraining(cell: StateCell<AppState>, patch: Partial<TrainingState>): void {
  cell.set((s) => ({ ...s, training: { ...s.training, ...patch } }));
}

/** Trains, then evaluates; returns the test evaluation (null if it was cancelled or failed). */
export async function runTrainingSession(ctx: SessionContext): Promise<TestEvaluation | null> {
  const { cell, config, data } = ctx;
  let buffer: BatchPoint[] = [];
  let progress: Partial<TrainingState> = {};
  let step = 0;
  const publish = throttle(() => {
    const added = buffer;
    buffer = [];
    const batches = cell.get().training.batches;
    setTraining(cell, { ...progress, batches: added.length ? [...batches, ...added] : batches });
  }, PUBLISH_INTERVAL_MS);

  let stopped: boolean;
  try {
    const result = await trainModel(
      ctx.model,
      ctx.optimizer,
      { images: data.train.images, labels: data.train.labels, available: () => data.train.availableCount },
      trainConfigFor(config, ctx.spec),
      {
        onBatch: (e) => {
          buffer.push({ step: ++step, epoch: e.epoch, loss: e.loss, accuracy: e.accuracy });
          progress = { waiting: false, epoch: e.epoch, batch: e.batch + 1, batchesInEpoch: e.batchesInEpoch, examplesPerSecond: e.examplesPerSecond, etaSeconds: e.etaSeconds };
          publish.request();
        },
        onPhase: (phase, epoch) => {
          publish.flush();
          setTraining(cell, { status: phase === 'training' && ctx.control.paused ? 'paused' : phase, epoch });
        },
        onWaiting: () => {
          publish.flush();
          setTraining(cell, { waiting: true });
        },
        onEpoch: (e) => {
          publish.flush();
          setTraining(cell, { epochHistory: [...cell.get().training.epochHistory, e], numTensors: tf.memory().numTensors });
        },
        afterEpoch: async (epoch) => {
          for (const hook of ctx.epochHooks) await hook({ model: ctx.model, epoch, data, signal: ctx.signal });
        },
        onLearningRateChange: (change) => {
          publish.flush();
          setTraining(cell, { learningRateChanges: [...cell.get().training.learningRateChanges, change] });
        },
      },
      { signal: ctx.signal, control: ctx.control },
    );
    stopped = result.stopped;
    setTraining(cell, { earlyStopping: result.earlyStopping });
  } catch (error) {
    setTraining(cell, { status: 'error', error: (error as Error).message });
    return null;
  } finally {
    publish.flush();
  }
  return evaluateOnTestSet(ctx, stopped);
}

async function evaluateOnTestSet(ctx: SessionContext, partial: boolean): Promise<TestEvaluation | null> {
  const { cell, data } = ctx;
  const controller = new AbortController();
  ctx.onEvaluationStart(controller);
  const count = Math.min(ctx.config.testSize, data.test.availableCount);
  const indices = range(0, count);
  const started = performance.now();
  setTraining(cell, { status: 'evaluating', evaluationProgress: 0 });
  let done = 0;
  const progress = throttle(() => setTraining(cell, { evaluationProgress: done / count }), PUBLISH_INTERVAL_MS);
  const probabilities = await predictInBatches(ctx.model, data.test.images, indices, {
    signal: controller.signal,
    onProgress: (d) => {
      done = d;
      progress.request();
    },
  });
  progress.cancel();
  if (!probabilities) {
    setTraining(cell, { status: 'stopped', evaluationProgress: null, numTensors: tf.memory().numTensors });
    return null;
  }
  const score = scorePredictions(probabilities, data.test.labels, indices);
  const seconds = (performance.now() - started) / 1000;
  const evaluation: TestEvaluation = { indices, probabilities, labels: data.test.labels, predictions: score.predictions };
  // Handed over before the state says "done", so views reacting to it find the details.
  ctx.onEvaluated(evaluation);
  cell.set((s) => ({
    ...s,
    test: { accuracy: score.accuracy, loss: score.loss, count, seconds, partial, revision: (s.test?.revision ?? 0) + 1 },
    training: { ...s.training, status: partial ? 'stopped' : 'done', evaluationProgress: null, numTensors: tf.memory().numTensors },
  }));
  return evaluation;
}
