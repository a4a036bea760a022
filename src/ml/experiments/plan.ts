/**
 * An experiment: a few short training runs ("arms") that differ in one thing, trained one
 * after another by the engine with the same training loop as the playground, each scored the
 * same way. Plain data, so it crosses the engine's protocol and is kept in the browser.
 */
import type { EarlyStoppingChoice } from '../config/runConfig';
import type { ModelSpec } from '../model/spec';
import type { EarlyStoppingOutcome } from '../training/trainer';

/** The run settings an arm may set (the rest are the playground's defaults). */
export interface ArmConfig {
  readonly trainSize: number;
  readonly testSize: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly validationSplit: number;
  readonly seed: number;
  readonly earlyStopping: EarlyStoppingChoice;
  readonly patience: number;
  readonly restoreBestWeights: boolean;
}

export interface ExperimentArm {
  /** Stable within its experiment (results are kept under it). */
  readonly id: string;
  readonly label: string;
  readonly spec: ModelSpec;
  readonly config: ArmConfig;
  /** Also score the test images shifted this many pixels to the right (0 or absent: not). */
  readonly shiftedTest?: number;
  /** Start from the shipped pretrained model's weights instead of random ones (its spec is used). */
  readonly fromPretrained?: boolean;
  /** Keep the first convolution's filters before and after training. */
  readonly filters?: boolean;
  /** After training, the activations of these layers (by index) for test image `image`. */
  readonly maps?: { readonly image: number; readonly layers: readonly number[] };
}

export interface ExperimentPlan {
  /** Which experiment (a lesson's id): results are filed under it. */
  readonly id: string;
  readonly arms: readonly ExperimentArm[];
}

/** One epoch of an arm, as the training loop reported it. */
export interface ArmEpoch {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss: number | null;
  readonly valAccuracy: number | null;
}

/** One layer's activations for one image: [h, w, c] values, channel last. */
export interface ArmMap {
  readonly layer: number;
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: readonly number[];
}

export interface ArmResult {
  readonly armId: string;
  readonly label: string;
  /** 'done': trained every planned batch (or early stopping ended it); 'diverged': the loss blew up. */
  readonly status: 'done' | 'diverged' | 'error';
  readonly params: number;
  /** Batch losses, in order (at most a few hundred points: evenly thinned). */
  readonly batchLoss: readonly { readonly step: number; readonly loss: number }[];
  readonly epochs: readonly ArmEpoch[];
  readonly test: { readonly accuracy: number; readonly loss: number; readonly count: number } | null;
  readonly shiftedTest: { readonly accuracy: number; readonly shift: number } | null;
  readonly earlyStopping: EarlyStoppingOutcome | null;
  readonly maps: readonly ArmMap[];
  /** The first convolution's filters [kh, kw, in, out] before and after training (when asked for). */
  readonly filters: { readonly shape: readonly number[]; readonly before: readonly number[]; readonly after: readonly number[] } | null;
  /** Training seconds (batches and validation), then seconds including the test scoring. */
  readonly trainSeconds: number;
  readonly seconds: number;
  readonly backend: string | null;
  /** Why it diverged or failed. */
  readonly message: string | null;
}

/** Where the arm in training is: what the engine reports and the page shows. */
export interface ArmProgress {
  readonly armId: string;
  /** Epoch (0-based) and batch (1-based) of the last trained batch, and the batches per epoch. */
  readonly epoch: number;
  readonly batch: number;
  readonly batchesInEpoch: number;
  readonly epochs: number;
  readonly examplesPerSecond: number | null;
}

/** What the engine reports while an experiment runs. */
export type ExperimentUpdate =
  | { readonly kind: 'started'; readonly experimentId: string; readonly armIds: readonly string[] }
  | (ArmProgress & { readonly kind: 'progress'; readonly experimentId: string; readonly lastLoss: number })
  | { readonly kind: 'armEnded'; readonly experimentId: string; readonly result: ArmResult }
  /** The experiment ended: every arm ran ('done'), Stop ('stopped'), or a failure ('error'). */
  | { readonly kind: 'ended'; readonly experimentId: string; readonly status: 'done' | 'stopped' | 'error'; readonly message: string | null };
