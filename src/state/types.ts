/** The app state the components render. Plain data, replaced (never mutated) on change. */
import type { BackendChoice, RunConfig } from '../ml/config/runConfig';
import type { BackendName } from '../ml/backends/activateBackend';
import type { LoadProgress } from '../ml/data/loader';
import type { EarlyStoppingOutcome, EpochEvent, LearningRateChange } from '../ml/training/trainer';
import type { ModelSpec } from '../ml/model/spec';

export interface BackendState {
  readonly status: 'starting' | 'ready' | 'error';
  readonly requested: BackendChoice;
  readonly active: BackendName | null;
  readonly renderer: string | null;
  readonly software: boolean;
  /** How the active backend runs where that matters, e.g. "SIMD, 2 threads" for WASM. */
  readonly details: string | null;
  /** Why another backend than requested runs, or why a software renderer is in use. */
  readonly note: string | null;
  readonly error: string | null;
}

export interface DataState {
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly progress: LoadProgress | null;
  readonly error: { readonly message: string; readonly file: string } | null;
  /** Training examples loaded so far (from index 0). */
  readonly trainAvailable: number;
  readonly testAvailable: number;
  /** Set when the pure decoder had to replace the browser's (altered pixels). */
  readonly decoderNote: string | null;
  readonly loadSeconds: number | null;
  /** Bumped whenever more images are available, so views of the data can refresh. */
  readonly revision: number;
}

export type TrainingStatus = 'idle' | 'training' | 'paused' | 'validating' | 'evaluating' | 'done' | 'stopped' | 'error';

export interface BatchPoint {
  /** Global batch number since the run started, from 1. */
  readonly step: number;
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
}

export interface TrainingState {
  readonly status: TrainingStatus;
  readonly epoch: number;
  readonly epochs: number;
  readonly batch: number;
  readonly batchesInEpoch: number;
  /**
   * True once a paused loop has finished its in-flight batches and waits: until then a pause
   * is still settling, and the batch counter may still move.
   */
  readonly waiting: boolean;
  readonly examplesPerSecond: number | null;
  readonly etaSeconds: number | null;
  readonly batches: readonly BatchPoint[];
  readonly epochHistory: readonly EpochEvent[];
  readonly evaluationProgress: number | null;
  readonly error: string | null;
  readonly numTensors: number;
  /** Learning-rate changes made while this run trained (marked on the batch curves). */
  readonly learningRateChanges: readonly LearningRateChange[];
  /** What early stopping did, once the run has ended (null when it was off). */
  readonly earlyStopping: EarlyStoppingOutcome | null;
}

export interface TestResult {
  readonly accuracy: number;
  readonly loss: number;
  readonly count: number;
  readonly seconds: number;
  /** Evaluated a model stopped before its last epoch. */
  readonly partial: boolean;
  /** Bumped on each new evaluation, so views of its details can refresh. */
  readonly revision: number;
}

/** The full result of the last test-set evaluation (kept outside AppState: it is large). */
export interface TestEvaluation {
  /** Test-set indices evaluated, in order. */
  readonly indices: Int32Array;
  /** n×10 class probabilities, row-major. */
  readonly probabilities: Float32Array;
  /** All test labels (index with `indices`). */
  readonly labels: Uint8Array;
  /** Argmax class per evaluated example. */
  readonly predictions: Uint8Array;
}

export interface AppState {
  readonly config: RunConfig;
  readonly configProblems: readonly string[];
  readonly backend: BackendState;
  readonly data: DataState;
  readonly training: TrainingState;
  readonly test: TestResult | null;
  readonly modelSpec: ModelSpec;
  /** Bumped when a new model is built, so the summary redraws. */
  readonly modelRevision: number;
  /** Finished or stopped runs of this session, oldest first, for comparison. */
  readonly runs: readonly RunRecord[];
}

/** One run as it ended: its whole setup, curves and final test metrics. */
export interface RunRecord {
  /** 1, 2, 3… in the order the runs started. */
  readonly id: number;
  readonly config: RunConfig;
  readonly spec: ModelSpec;
  /** The backend it actually ran on. */
  readonly backend: BackendName | null;
  readonly params: number;
  readonly status: TrainingStatus;
  readonly batches: readonly BatchPoint[];
  readonly epochHistory: readonly EpochEvent[];
  readonly learningRateChanges: readonly LearningRateChange[];
  readonly earlyStopping: EarlyStoppingOutcome | null;
  readonly test: TestResult | null;
  /** Wall-clock time from Train to the end of the test evaluation. */
  readonly seconds: number;
}
