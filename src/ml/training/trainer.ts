/**
 * The training loop. Config and callbacks come in, events go out; it never reads the UI.
 * Per batch: one optimizer step (trainStep.ts); the batch's loss and accuracy are read back
 * asynchronously one batch later (no synchronous GPU read-back), which also keeps the
 * CPU from queueing unbounded GPU work. Stops on the AbortSignal, pauses via TrainingControl,
 * which also carries learning-rate changes (applied before the next batch). Early stopping
 * is checked after each epoch. A run can resume from a checkpoint (checkpoint.ts): `resume`
 * restarts at the next epoch with the same data order (early stopping's patience restarts).
 */
import * as tf from '@tensorflow/tfjs';
import { epochBatches, range } from '../data/batches';
import { keepsDataOnDevice, ResidentImages } from '../data/residentImages';
import { deriveSeed, SEED_STREAM } from '../model/seeds';
import type { InputScaling } from '../data/inputScaling';
import type { AugmentationSpec } from '../model/spec';
import { createRng } from '../random';
import type { TrainingControl } from './control';
import { DivergenceMonitor, type DivergenceConfig, type DivergenceInfo } from './divergence';
import { EarlyStoppingTracker, WeightSnapshot, type EarlyStoppingConfig, type Monitor } from './earlyStopping';
import { evaluateImages } from './evaluate';
import { getLearningRate } from './learningRate';
import { applyRateForStep, plannedSteps, ScheduledRate } from './scheduledRate';
import type { ScheduleName } from './schedules';
import { ThroughputMeter } from './throughput';
import { isAugmenting } from './augment';
import { kernelVariables, trainStep, type StepSetup } from './trainStep';
import { WeightAverage } from './weightAverage';
import { yieldToHost } from './yieldToHost';

export interface TrainingDataSource {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  /** Examples loaded so far, from index 0 (the rest may still be streaming in). */
  available(): number;
}

export interface TrainConfig {
  readonly epochs: number;
  readonly batchSize: number;
  /** Fraction of the training subset held out for validation, 0 ≤ v < 1. */
  readonly validationSplit: number;
  /** How many training examples to use (≤ 60,000). */
  readonly trainSize: number;
  /** Seeds the shuffling and the augmentation (the model's weights are seeded when built). */
  readonly seed: number;
  /** L2 weight decay λ on conv and dense kernels (default 0). */
  readonly l2?: number;
  /** Label smoothing ε (0 or absent = off): trains against (1 − ε)·one-hot + ε/10. */
  readonly labelSmoothing?: number;
  /**
   * Decay of an exponential moving average of the weights (weightAverage.ts; 0 or absent =
   * off). Validation, afterEpoch (per-epoch tests, checkpoints) and the model left at the end
   * use the averaged weights; training continues from the trained ones.
   */
  readonly weightAverage?: number;
  readonly augmentation?: AugmentationSpec;
  /** How pixels are fed (the model's setting, data/inputScaling.ts); default 'unit' (÷ 255). */
  readonly inputScaling?: InputScaling;
  /** How the rate moves over the run (schedules.ts); default constant. Peak: the optimizer's rate at the start. */
  readonly learningRateSchedule?: ScheduleName;
  readonly earlyStopping?: EarlyStoppingConfig | null;
  /**
   * Keep the training images on the device and gather batches there (see residentImages.ts).
   * Default: on WebGL and WebGPU. Augmented batches are always built in JavaScript.
   */
  readonly keepDataOnDevice?: boolean;
  /** Thresholds of the divergence check (see divergence.ts); it runs when onDivergence is given. */
  readonly divergence?: DivergenceConfig;
}

export interface DivergenceEvent extends DivergenceInfo {
  readonly epoch: number;
  /** Batch within the epoch whose loss showed it. */
  readonly batch: number;
  /** The loop paused itself (a TrainingControl was given): resume, step or stop as usual. */
  readonly paused: boolean;
}

export interface LearningRateChange {
  readonly epoch: number;
  readonly batch: number;
  /** Global batch number (from 1) of the first batch trained with the new rate. */
  readonly step: number;
  readonly from: number;
  readonly to: number;
}

export interface EarlyStoppingOutcome {
  readonly monitor: Monitor;
  /** True when it ended the run before the last epoch. */
  readonly stoppedEarly: boolean;
  /** Epoch index (from 0) with the best monitored value, -1 if none was finite. */
  readonly bestEpoch: number;
  readonly bestValue: number | null;
  /** The best epoch's weights were put back. */
  readonly restored: boolean;
}

export interface BatchEvent {
  readonly epoch: number;
  readonly batch: number;
  readonly batchesInEpoch: number;
  readonly loss: number;
  readonly accuracy: number;
  /** Examples trained on since the run started. */
  readonly examplesSeen: number;
  /**
   * Examples this epoch trains on, and what a full epoch would: fewer while the dataset is
   * still streaming in (an epoch uses what has arrived when it starts).
   */
  readonly epochExamples: number;
  readonly plannedEpochExamples: number;
  readonly examplesPerSecond: number | null;
  readonly etaSeconds: number | null;
  /** The learning rate this batch was trained with (scheduled, or set by hand). */
  readonly learningRate: number;
}

export interface EpochEvent {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss: number | null;
  readonly valAccuracy: number | null;
  readonly trainExamples: number;
  /** A full epoch's examples: more than trainExamples when the data was still streaming in. Absent in old records. */
  readonly plannedTrainExamples?: number;
  readonly valExamples: number;
  readonly seconds: number;
}

export interface TrainCallbacks {
  onBatch?(event: BatchEvent): void;
  onEpoch?(event: EpochEvent): void;
  onPhase?(phase: 'training' | 'validating', epoch: number): void;
  onLearningRateChange?(change: LearningRateChange): void;
  /**
   * Called when the loop has reported every batch it ran and is about to wait for a resume or
   * a step: the moment a pause has really taken effect.
   */
  onWaiting?(): void;
  /**
   * Awaited after each epoch's onEpoch, before the next epoch starts: the place for extra
   * per-epoch work on the model (e.g. a confusion matrix on a test subset, a checkpoint:
   * `state` is what a resumed run needs to continue exactly from here).
   */
  afterEpoch?(epoch: number, state: TrainerState): Promise<void>;
  /**
   * The loss is NaN/infinite or exploding (divergence.ts). The loop pauses itself through the
   * TrainingControl, if one was given, right after this call. To offer going back, pass
   * `startWeights` to trainModel and restore it (WeightSnapshot.restore) when the user asks.
   */
  onDivergence?(event: DivergenceEvent): void;
}

/** Where a run stands between epochs: enough, with the weights and optimizer, to resume it. */
export interface TrainerState {
  readonly epochsCompleted: number;
  readonly batchesCompleted: number;
  readonly examplesSeen: number;
  /** Positions of the seeded shuffling and augmentation generators (the data order). */
  readonly shuffleRngState: number;
  readonly augmentationRngState: number;
}

export interface TrainResult {
  readonly stopped: boolean;
  readonly epochsCompleted: number;
  readonly batchesCompleted: number;
  /** null when early stopping was off. */
  readonly earlyStopping: EarlyStoppingOutcome | null;
}

/** Splits the first trainSize examples: the first ⌊v·n⌋ validate (they arrive first), the rest train. */
export function splitIndices(trainSize: number, validationSplit: number): { valCount: number } {
  return { valCount: Math.floor(trainSize * validationSplit) };
}

export async function trainModel(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  data: TrainingDataSource,
  config: TrainConfig,
  callbacks: TrainCallbacks,
  control: {
    signal?: AbortSignal;
    control?: TrainingControl;
    /** Continue a checkpointed run from here (see checkpoint.ts). */
    resume?: TrainerState;
    /** Filled with the model's weights before the first batch; owned (restored, disposed) by the caller. */
    startWeights?: WeightSnapshot;
  } = {},
): Promise<TrainResult> {
  const { signal, resume } = control;
  control.startWeights?.save(model);
  const divergence = callbacks.onDivergence ? new DivergenceMonitor(config.divergence) : null;
  const rng = createRng(config.seed);
  const augmentationRng = createRng(deriveSeed(config.seed, SEED_STREAM.augmentation));
  if (resume) {
    rng.setState(resume.shuffleRngState);
    augmentationRng.setState(resume.augmentationRngState);
  }
  const { valCount } = splitIndices(config.trainSize, config.validationSplit);
  const early = config.earlyStopping ?? null;
  if (early?.monitor.startsWith('val_') && valCount === 0) {
    throw new Error(`Early stopping on ${early.monitor} needs validation examples: set a validation split above 0.`);
  }
  const tracker = early ? new EarlyStoppingTracker(early) : null;
  const best = new WeightSnapshot();
  const inputScaling = config.inputScaling ?? 'unit';
  const resident =
    (config.keepDataOnDevice ?? keepsDataOnDevice(tf.getBackend())) && !isAugmenting(config.augmentation) ? new ResidentImages(data.images, data.available, inputScaling) : null;
  const step: StepSetup = {
    resident,
    model,
    optimizer,
    variables: model.trainableWeights.map((w) => w.read() as tf.Variable),
    kernels: kernelVariables(model),
    l2: config.l2 ?? 0,
    labelSmoothing: config.labelSmoothing ?? 0,
    augmentation: config.augmentation,
    augmentationRng,
    inputScaling,
  };
  const rates = new ScheduledRate(config.learningRateSchedule ?? 'constant', getLearningRate(optimizer), plannedSteps(config.epochs, config.trainSize - valCount, config.batchSize));
  const meter = new ThroughputMeter();
  // A resumed run starts a fresh average from the checkpoint's (averaged) weights.
  const average = (config.weightAverage ?? 0) > 0 ? new WeightAverage(model, config.weightAverage!) : null;
  /** Puts the averages in the model (for evaluation and at the end) or takes them out again. */
  const averagesInModel = (on: boolean) => {
    if (average && average.inModel !== on) average.swap();
  };
  let examplesSeen = resume?.examplesSeen ?? 0;
  let batchesCompleted = resume?.batchesCompleted ?? 0;
  const outcome = (stoppedEarly: boolean, restored: boolean): EarlyStoppingOutcome | null =>
    early && tracker ? { monitor: early.monitor, stoppedEarly, bestEpoch: tracker.bestEpoch, bestValue: tracker.bestValue, restored } : null;

  try {
    for (let epoch = resume?.epochsCompleted ?? 0; epoch < config.epochs; epoch++) {
      const epochStart = performance.now();
      // Uses whatever has streamed in by now, up to trainSize.
      const trainEnd = Math.min(config.trainSize, data.available());
      if (trainEnd <= valCount) throw new Error('No training examples are loaded yet.');
      const batches = epochBatches(range(valCount, trainEnd), config.batchSize, rng);
      const remainingAfterThisEpoch = (config.epochs - epoch - 1) * (trainEnd - valCount);
      callbacks.onPhase?.('training', epoch);
      meter.reset();

      let lossSum = 0;
      let accSum = 0;
      let counted = 0;
      let epochExamples = 0;
      const pending: { metrics: tf.Tensor1D; batch: number; size: number; learningRate: number }[] = [];

      const drain = async (keep: number) => {
        while (pending.length > keep) {
          const item = pending.shift()!;
          const [loss, accuracy] = await item.metrics.data();
          item.metrics.dispose();
          lossSum += loss * item.size;
          accSum += accuracy * item.size;
          counted += item.size;
          meter.record(item.size);
          callbacks.onBatch?.({
            epoch,
            batch: item.batch,
            batchesInEpoch: batches.length,
            epochExamples: trainEnd - valCount,
            plannedEpochExamples: config.trainSize - valCount,
            loss,
            accuracy,
            examplesSeen: examplesSeen - pending.reduce((s, p) => s + p.size, 0),
            examplesPerSecond: meter.examplesPerSecond,
            etaSeconds: meter.etaSeconds(remainingAfterThisEpoch + (trainEnd - valCount - counted)),
            learningRate: item.learningRate,
          });
          const diverged = divergence?.update(loss);
          if (diverged) {
            control.control?.pause();
            callbacks.onDivergence?.({ ...diverged, epoch, batch: item.batch, paused: control.control !== undefined });
          }
        }
      };

      for (let b = 0; b < batches.length; b++) {
        let requested: number | null = null;
        if (control.control) {
          const wasPaused = control.control.paused;
          // Report the batches run so far before waiting, so a Step shows its batch at once.
          if (wasPaused) {
            await drain(0);
            callbacks.onWaiting?.();
          }
          if (!(await control.control.waitForTurn(signal))) break;
          if (wasPaused) meter.reset();
          requested = control.control.takeLearningRateRequest();
        }
        if (signal?.aborted) break;
        const learningRate = applyRateForStep(optimizer, rates, batchesCompleted, requested, (from, to) =>
          callbacks.onLearningRateChange?.({ epoch, batch: b, step: batchesCompleted + 1, from, to }),
        );
        const indices = batches[b];
        pending.push({ metrics: trainStep(step, data.images, data.labels, indices), batch: b, size: indices.length, learningRate });
        average?.update();
        examplesSeen += indices.length;
        epochExamples += indices.length;
        batchesCompleted++;
        await drain(1);
        await yieldToHost();
      }
      await drain(0);
      if (signal?.aborted || epochExamples < trainEnd - valCount) {
        return { stopped: true, epochsCompleted: epoch, batchesCompleted, earlyStopping: outcome(false, false) };
      }

      let valLoss: number | null = null;
      let valAccuracy: number | null = null;
      averagesInModel(true);
      if (valCount > 0) {
        callbacks.onPhase?.('validating', epoch);
        const valIndices = range(0, valCount);
        const score = await evaluateImages(model, data, valIndices, { signal, inputScaling });
        if (!score) return { stopped: true, epochsCompleted: epoch, batchesCompleted, earlyStopping: outcome(false, false) };
        valLoss = score.loss;
        valAccuracy = score.accuracy;
      }
      const event: EpochEvent = {
        epoch,
        loss: lossSum / counted,
        accuracy: accSum / counted,
        valLoss,
        valAccuracy,
        trainExamples: trainEnd - valCount,
        plannedTrainExamples: config.trainSize - valCount,
        valExamples: valCount,
        seconds: (performance.now() - epochStart) / 1000,
      };
      callbacks.onEpoch?.(event);
      const verdict = early && tracker ? tracker.update(epoch, monitoredValue(event, early.monitor)) : null;
      if (verdict === 'improved' && early?.restoreBestWeights) best.save(model);
      await callbacks.afterEpoch?.(epoch, {
        epochsCompleted: epoch + 1,
        batchesCompleted,
        examplesSeen,
        shuffleRngState: rng.getState(),
        augmentationRngState: augmentationRng.getState(),
      });
      if (verdict === 'stop' && epoch < config.epochs - 1) {
        const restore = early!.restoreBestWeights && best.saved;
        if (restore) best.restore(model);
        return { stopped: false, epochsCompleted: epoch + 1, batchesCompleted, earlyStopping: outcome(true, restore) };
      }
      if (epoch < config.epochs - 1) averagesInModel(false);
    }
    return { stopped: false, epochsCompleted: config.epochs, batchesCompleted, earlyStopping: outcome(false, false) };
  } finally {
    // However the run ends, the model keeps the averaged weights (what was evaluated).
    averagesInModel(true);
    average?.dispose();
    best.dispose();
    resident?.dispose();
  }
}

function monitoredValue(event: EpochEvent, monitor: Monitor): number {
  switch (monitor) {
    case 'loss':
      return event.loss;
    case 'accuracy':
      return event.accuracy;
    case 'val_loss':
      return event.valLoss ?? NaN;
    case 'val_accuracy':
      return event.valAccuracy ?? NaN;
  }
}
