/**
 * One training run inside the engine: train, report throttled progress, evaluate the first
 * test images after every epoch, then the whole test subset (also after Stop, so a stopped
 * model is still scored). Reports through `emit`; owns no UI.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../ml/config/runConfig';
import { trainConfigFor } from '../ml/config/trainConfig';
import { range } from '../ml/data/batches';
import type { FashionMnistData } from '../ml/data/dataset';
import type { InputScaling } from '../ml/data/inputScaling';
import type { ModelSpec } from '../ml/model/spec';
import type { TrainingControl } from '../ml/training/control';
import type { WeightSnapshot } from '../ml/training/earlyStopping';
import { epochSubsetSize } from '../ml/training/epochSubset';
import { evaluateImages, type LabelledImages, type PredictOptions } from '../ml/training/evaluate';
import { trainModel, type EarlyStoppingOutcome, type EpochEvent, type TrainerState } from '../ml/training/trainer';
import { throttle } from '../ml/util/throttle';
import type { BatchPoint, FinalEvaluation, TrainingProgress, TrainingStatus } from '../protocol/engineState';
import type { EngineEvent } from '../protocol/messages';

/** Progress and curve updates at most this often while training. */
export const PUBLISH_INTERVAL_MS = 250;

/** Images per forward pass of the per-epoch evaluation. */
const EPOCH_EVAL_BATCH = 128;

export interface RunContext {
  readonly model: tf.LayersModel;
  readonly optimizer: tf.Optimizer;
  readonly data: FashionMnistData;
  readonly config: RunConfig;
  readonly spec: ModelSpec;
  readonly control: TrainingControl;
  readonly signal: AbortSignal;
  readonly modelRevision: number;
  readonly emit: (event: EngineEvent) => void;
  /** The scalar training state as the engine knows it; patched through `update`. */
  readonly update: (patch: Partial<TrainingProgress>) => TrainingProgress;
  /** Aborts the evaluation; set while it runs so Stop can cancel it. */
  readonly onEvaluationStart: (controller: AbortController) => void;
  /** Called after each trained batch (the model changed). */
  readonly onBatchTrained: () => void;
  /** True when the run is being thrown away (Reset): no test evaluation then. */
  readonly discarded: () => boolean;
  /** Continue a checkpointed run from here (its batches so far, for step numbers). */
  readonly resume?: { readonly state: TrainerState; readonly batches: readonly BatchPoint[]; readonly epochs: readonly EpochEvent[] };
  /** Filled with the weights before the first batch, so a diverged run can go back to them. */
  readonly startWeights?: WeightSnapshot;
  /** After each epoch (and its evaluation): where the run stands, to checkpoint it. */
  readonly onEpochEnd?: (state: TrainerState, history: { batches: readonly BatchPoint[]; epochs: readonly EpochEvent[] }) => Promise<void>;
}

export interface RunOutcome {
  readonly status: TrainingStatus;
  readonly batches: readonly BatchPoint[];
  readonly epochHistory: readonly EpochEvent[];
  readonly earlyStopping: EarlyStoppingOutcome | null;
  readonly epochsCompleted: number;
  readonly evaluation: FinalEvaluation | null;
}

/** Trains, then evaluates; never throws (a failure ends the run with status 'error'). */
export async function runTraining(ctx: RunContext): Promise<RunOutcome> {
  const { config, data, emit } = ctx;
  const batches: BatchPoint[] = [...(ctx.resume?.batches ?? [])];
  const epochHistory: EpochEvent[] = [...(ctx.resume?.epochs ?? [])];
  let unsent: BatchPoint[] = [];
  let pending: Partial<TrainingProgress> = {};
  const publish = throttle(() => {
    const progress = ctx.update(pending);
    emit({ type: 'progress', progress, batches: unsent });
    pending = {};
    unsent = [];
  }, PUBLISH_INTERVAL_MS);
  const setNow = (patch: Partial<TrainingProgress>) => {
    publish.flush();
    emit({ type: 'progress', progress: ctx.update(patch), batches: [] });
  };

  let stopped: boolean;
  let epochsCompleted = 0;
  let earlyStopping: EarlyStoppingOutcome | null = null;
  try {
    const result = await trainModel(
      ctx.model,
      ctx.optimizer,
      { images: data.train.images, labels: data.train.labels, available: () => data.train.availableCount },
      trainConfigFor(config, ctx.spec),
      {
        onBatch: (e) => {
          const point = { step: batches.length + 1, epoch: e.epoch, loss: e.loss, accuracy: e.accuracy };
          batches.push(point);
          unsent.push(point);
          ctx.onBatchTrained();
          pending = { ...pending, waiting: false, epoch: e.epoch, batch: e.batch + 1, batchesInEpoch: e.batchesInEpoch, epochExamples: e.epochExamples, plannedEpochExamples: e.plannedEpochExamples, examplesPerSecond: e.examplesPerSecond, etaSeconds: e.etaSeconds };
          publish.request();
        },
        onPhase: (phase, epoch) => setNow({ status: phase === 'training' && ctx.control.paused ? 'paused' : phase, epoch }),
        onWaiting: () => setNow({ waiting: true }),
        onEpoch: (e) => {
          publish.flush();
          epochsCompleted = e.epoch + 1;
          epochHistory.push(e);
          emit({ type: 'epoch', epoch: e, numTensors: tf.memory().numTensors });
        },
        afterEpoch: async (epoch, state) => {
          await evaluateEpoch(ctx, epoch);
          await ctx.onEpochEnd?.(state, { batches, epochs: epochHistory });
        },
        onDivergence: (info) => {
          // The loop pauses itself right after this: say why, and offer the weights from before the run.
          setNow({ status: 'paused', divergence: { message: info.message, step: batches.length, canRestore: ctx.startWeights !== undefined } });
        },
        onLearningRateChange: (change) => {
          publish.flush();
          emit({ type: 'learningRateChange', change });
        },
      },
      { signal: ctx.signal, control: ctx.control, resume: ctx.resume?.state, startWeights: ctx.startWeights },
    );
    stopped = result.stopped;
    earlyStopping = result.earlyStopping;
    epochsCompleted = result.epochsCompleted;
  } catch (error) {
    publish.flush();
    setNow({ status: 'error', error: (error as Error).message });
    return { status: 'error', batches, epochHistory, earlyStopping, epochsCompleted, evaluation: null };
  }
  publish.flush();
  if (ctx.discarded()) return { status: 'stopped', batches, epochHistory, earlyStopping, epochsCompleted, evaluation: null };
  const evaluation = await evaluateOnTestSet(ctx, stopped, epochsCompleted, setNow);
  const status: TrainingStatus = evaluation ? (stopped ? 'stopped' : 'done') : 'stopped';
  setNow({ status, evaluationProgress: null, numTensors: tf.memory().numTensors });
  return { status, batches, epochHistory, earlyStopping, epochsCompleted, evaluation };
}

/** The per-epoch confusion matrix's raw material; a failure here never ends the run. */
async function evaluateEpoch(ctx: RunContext, epoch: number): Promise<void> {
  const count = epochSubsetSize(ctx.config.testSize, ctx.data.test.availableCount);
  if (count === 0) return;
  try {
    const evaluation = await evaluateImages(ctx.model, ctx.data.test, range(0, count), { signal: ctx.signal, batchSize: EPOCH_EVAL_BATCH, inputScaling: ctx.spec.inputScaling, flipTta: ctx.spec.flipTta });
    if (!evaluation) return;
    const { indices, probabilities, seconds } = evaluation;
    ctx.emit({ type: 'epochEvaluation', evaluation: { epoch, epochs: ctx.config.epochs, modelRevision: ctx.modelRevision, indices, probabilities, seconds } });
  } catch (error) {
    ctx.emit({ type: 'failure', message: `The evaluation after epoch ${epoch + 1} failed: ${(error as Error).message}` });
  }
}

/** How far the evaluated model trained (a loaded model: none of this run). */
export interface TrainedSoFar {
  readonly partial: boolean;
  readonly epochsCompleted: number;
  readonly epochs: number;
}

/**
 * The test evaluation of any model on test images 0..count-1: a run's final one, or a loaded
 * model's. Null if it was aborted; throws what the forward passes throw.
 */
export async function testEvaluation(
  model: tf.LayersModel,
  test: LabelledImages,
  count: number,
  modelRevision: number,
  trained: TrainedSoFar,
  options: PredictOptions,
): Promise<FinalEvaluation | null> {
  const evaluation = await evaluateImages(model, test, range(0, count), options);
  if (!evaluation) return null;
  const { indices, probabilities, seconds, accuracy, loss } = evaluation;
  return { indices, probabilities, seconds, modelRevision, result: { accuracy, loss, count, seconds, flipTta: options.flipTta ?? false, ...trained } };
}

/** The test evaluation of a loaded model, fed as it was trained (`scaling`); null if it failed. */
export async function evaluateModel(model: tf.LayersModel, scaling: InputScaling, data: FashionMnistData, count: number, modelRevision: number, flipTta = false): Promise<FinalEvaluation | null> {
  try {
    return await testEvaluation(model, data.test, count, modelRevision, { partial: false, epochsCompleted: 0, epochs: 0 }, { inputScaling: scaling, flipTta });
  } catch {
    return null;
  }
}

async function evaluateOnTestSet(
  ctx: RunContext,
  partial: boolean,
  epochsCompleted: number,
  setNow: (patch: Partial<TrainingProgress>) => void,
): Promise<FinalEvaluation | null> {
  const { data } = ctx;
  const controller = new AbortController();
  ctx.onEvaluationStart(controller);
  const count = Math.min(ctx.config.testSize, data.test.availableCount);
  setNow({ status: 'evaluating', evaluationProgress: 0 });
  let done = 0;
  const progress = throttle(() => ctx.emit({ type: 'progress', progress: ctx.update({ evaluationProgress: done / count }), batches: [] }), PUBLISH_INTERVAL_MS);
  try {
    return await testEvaluation(ctx.model, data.test, count, ctx.modelRevision, { partial, epochsCompleted, epochs: ctx.config.epochs }, {
      signal: controller.signal,
      inputScaling: ctx.spec.inputScaling,
      flipTta: ctx.spec.flipTta,
      onProgress: (d) => {
        done = d;
        progress.request();
      },
    });
  } catch (error) {
    ctx.emit({ type: 'failure', message: `The test evaluation failed: ${(error as Error).message}` });
    return null;
  } finally {
    progress.cancel();
  }
}
