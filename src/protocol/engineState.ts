/**
 * What the engine owns and reports, as plain data: the backend, the dataset's progress, the
 * training run, the test result and the current model. The UI store mirrors these from the
 * engine's events (src/state/project.ts); nothing here holds a tensor.
 */
import type { BackendName } from '../ml/backends/activateBackend';
import type { BackendProbe } from '../ml/backends/probeChoice';
import type { BackendChoice } from '../ml/config/runConfig';
import type { LoadProgress } from '../ml/data/loader';
import type { OfflineCopyState } from '../ml/data/offlineCopy';
import type { LayerInfo } from '../ml/internals/layerInfo';
import type { ModelSpec } from '../ml/model/spec';
import type { RunConfig } from '../ml/config/runConfig';
import type { EarlyStoppingOutcome, EpochEvent, LearningRateChange } from '../ml/training/trainer';
import type { BatchPoint, ModelSource } from '../ml/models/metadata';

// One type each across the engine, the page and model files (defined with the files' schema).
export type { BatchPoint, ModelSource };

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
  /** Where the engine computes: in a Web Worker (the page stays free) or, where the browser cannot, on the page. */
  readonly thread: 'worker' | 'page' | null;
  /** Why the engine runs on the page, when it does. */
  readonly threadNote: string | null;
  /** The automatic choice's measurements and why it chose (absent unless the choice was automatic). */
  readonly probe?: BackendProbe | null;
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
  /** The dataset's copy kept in this browser for offline use. */
  readonly offline: OfflineCopyState;
}

export type TrainingStatus = 'idle' | 'training' | 'paused' | 'validating' | 'evaluating' | 'done' | 'stopped' | 'error';

export interface TrainingState {
  readonly status: TrainingStatus;
  readonly epoch: number;
  readonly epochs: number;
  readonly batch: number;
  readonly batchesInEpoch: number;
  /** Examples the current epoch trains on; fewer than planned while the data still streamed in when it started. */
  readonly epochExamples: number;
  readonly plannedEpochExamples: number;
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
  /** Why the run paused itself: the loss diverged (null: it did not). */
  readonly divergence: { readonly message: string; readonly step: number; readonly canRestore: boolean } | null;
}

/** The scalar fields of TrainingState (the growing lists travel as appended items). */
export type TrainingProgress = Omit<TrainingState, 'batches' | 'epochHistory' | 'learningRateChanges'>;

/** No run: the counters at zero. */
export const idleProgress = (epochs: number, numTensors = 0): TrainingProgress => ({
  status: 'idle',
  epoch: 0,
  epochs,
  batch: 0,
  batchesInEpoch: 0,
  epochExamples: 0,
  plannedEpochExamples: 0,
  waiting: false,
  examplesPerSecond: null,
  etaSeconds: null,
  evaluationProgress: null,
  error: null,
  numTensors,
  earlyStopping: null,
  divergence: null,
});

export interface TestResult {
  readonly accuracy: number;
  readonly loss: number;
  readonly count: number;
  readonly seconds: number;
  /** Evaluated a model stopped before its last epoch. */
  readonly partial: boolean;
  /** Epochs completed by the evaluated model. */
  readonly epochsCompleted: number;
  readonly epochs: number;
  /** Scored with flip test-time augmentation (each image and its mirror averaged). Absent in old records: off. */
  readonly flipTta?: boolean;
}

/** Forward passes of a model over test images 0..n-1: the raw material of every evaluation view. */
export interface TestPredictions {
  /** Test-set indices evaluated, in order (length n). */
  readonly indices: Int32Array;
  /** n×10 class probabilities, row-major, each row summing to 1. */
  readonly probabilities: Float32Array;
  /** Wall time of the forward passes, in seconds. */
  readonly seconds: number;
}

/** The per-epoch evaluation on the first test images (cheap enough to run after every epoch). */
export interface EpochEvaluation extends TestPredictions {
  /** 0-based epoch it follows. */
  readonly epoch: number;
  readonly epochs: number;
  /** The model it belongs to (ModelInfo.revision). */
  readonly modelRevision: number;
}

/** The final test evaluation of a run: its summary and the predictions behind it. */
export interface FinalEvaluation extends TestPredictions {
  readonly result: TestResult;
  readonly modelRevision: number;
}

export interface ModelLayerSummary extends LayerInfo {
  readonly params: number;
  readonly trainable: boolean;
}


export interface ModelInfo {
  /** Bumped whenever the engine builds or replaces the model. */
  readonly revision: number;
  /** A model exists (the spec is a valid network and the backend is up). */
  readonly ready: boolean;
  /** What to call it on the page: the architecture's name, or a saved model's name. */
  readonly name: string;
  readonly source: ModelSource;
  /** The network and recipe it was built from (the editor may have moved on since). */
  readonly spec: ModelSpec | null;
  /** Its accuracy on the test images, when it has been tested. */
  readonly test: TestResult | null;
  /** Why no model could be built (e.g. too big for this backend), or null. */
  readonly error: string | null;
  /** Batches this model has been trained for (0 = fresh random weights). */
  readonly batchesTrained: number;
  readonly params: number;
  /** The built model's layers as TensorFlow.js reports them (names, output shapes, parameters). */
  readonly layers: readonly ModelLayerSummary[];
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
  /** Where it ended: epoch (0-based) and batch (1-based) of the last trained batch. */
  readonly endedAt: { readonly epoch: number; readonly batch: number; readonly batchesInEpoch: number };
  readonly batches: readonly BatchPoint[];
  readonly epochHistory: readonly EpochEvent[];
  readonly learningRateChanges: readonly LearningRateChange[];
  readonly earlyStopping: EarlyStoppingOutcome | null;
  readonly test: TestResult | null;
  /** Wall-clock time from Train to the end of the test evaluation. */
  readonly seconds: number;
}

/** A run's record as the engine sends it; the page adds the curves it already holds. */
export type RunSummary = Omit<RunRecord, 'batches' | 'epochHistory' | 'learningRateChanges'>;
