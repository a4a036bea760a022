/**
 * The training loop's contract: what comes in (data, config, callbacks) and what goes out
 * (batch and epoch events, the state a checkpoint keeps, the result). Types only; the loop is
 * trainer.ts, which re-exports them.
 */
import type { InputScaling } from '../data/inputScaling';
import type { AugmentationSpec } from '../model/spec';
import type { DivergenceConfig, DivergenceInfo } from './divergence';
import type { EarlyStoppingConfig, Monitor } from './earlyStopping';
import type { ScheduleName } from './schedules';

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
