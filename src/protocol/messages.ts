/**
 * The one seam between the page and the engine: typed commands in, typed events out.
 * Everything crosses as structured-cloneable data; large typed arrays are transferred,
 * not copied (see `transferablesOf`). Bump PROTOCOL_VERSION on any incompatible change.
 */
import type { BenchCountersOptions, BenchCountersResult, BenchTimeToAccuracyOptions, BenchTimeToAccuracyResult, BenchTrainOptions, BenchTrainResult } from './bench';
import type { BackendChoice, RunConfig } from '../ml/config/runConfig';
import type { ExperimentPlan, ExperimentUpdate } from '../ml/experiments/plan';
import type { InternalsRequest, InternalsSnapshot } from '../ml/internals/snapshot';
import type { ModelSpec } from '../ml/model/spec';
import type { EpochEvent, LearningRateChange } from '../ml/training/trainer';
import type {
  BackendState,
  BatchPoint,
  DataState,
  EpochEvaluation,
  FinalEvaluation,
  ModelInfo,
  RunSummary,
  TrainingProgress,
} from './engineState';
import type { InterruptedRun, LibraryState, SavedModelSummary } from './library';

export interface PretrainedState {
  readonly status: 'none' | 'loading' | 'ready' | 'error';
  readonly name: string | null;
  readonly testAccuracy: number | null;
  readonly testCount: number | null;
  readonly error: string | null;
}

export const PROTOCOL_VERSION = 1;

export interface EngineSetup {
  readonly config: RunConfig;
  readonly spec: ModelSpec;
  /** Where the dataset's manifest and sheets are served, ending in '/'. */
  readonly dataBaseUrl: string;
  /** 'pure' decodes the sheets in JavaScript only (skips the browser's decoder). */
  readonly decoder: 'auto' | 'pure';
  /** Where the pretrained model's files are served, ending in '/'; null: no pretrained model. */
  readonly pretrainedUrl: string | null;
}

export interface SplitLayout {
  readonly count: number;
  readonly sheets: readonly { readonly first: number; readonly count: number }[];
}

export type EngineCommand =
  | { readonly type: 'init'; readonly version: number; readonly setup: EngineSetup }
  /** Loads the dataset, or after a failure resumes from the file that failed. */
  | { readonly type: 'loadData' }
  | { readonly type: 'setBackend'; readonly choice: BackendChoice }
  /** Settings for the next run (the current run keeps its own). */
  | { readonly type: 'setConfig'; readonly config: RunConfig }
  /** Architecture and recipe for the next run; a new learning rate also applies to the current run. */
  | { readonly type: 'setModelSpec'; readonly spec: ModelSpec }
  | { readonly type: 'train'; readonly startPaused?: boolean }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'step' }
  /** Stops training (the model so far is still evaluated); a second stop cancels that too. */
  | { readonly type: 'stop' }
  /** Stops everything without evaluating and starts over with a fresh untrained model. */
  | { readonly type: 'reset' }
  /** Trains an experiment's arms one after another (the lessons), reported as `experiment` events. */
  | { readonly type: 'runExperiment'; readonly plan: ExperimentPlan }
  /** Stops the experiment running (arms already finished stay reported). */
  | { readonly type: 'stopExperiment' }
  | { readonly type: 'request'; readonly id: number; readonly request: EngineRequest };

/** Questions with one answer each (matched by id). */
export type EngineRequest =
  /** 784 bytes (0..255) of one 28×28 image → 10 class probabilities. */
  | { readonly kind: 'predict'; readonly pixels: Uint8Array }
  /** Every layer's activations, the heat map and filters for one image. */
  | { readonly kind: 'inspect'; readonly request: InternalsRequest }
  /** Benchmark only: trains a fresh default model on `examples` images in the engine and times each batch. */
  | { readonly kind: 'benchTrain'; readonly options: BenchTrainOptions }
  /** Tests only: loses the GPU context as a driver reset would (answers false where there is none). */
  | { readonly kind: 'loseDevice' }
  /** Benchmark only: trains a fresh preset as the app would, scoring the test images after each epoch. */
  | { readonly kind: 'benchTimeToAccuracy'; readonly options: BenchTimeToAccuracyOptions }
  /** Benchmark only: counts what our loop or stock model.fit asks of the backend per step (GPU counters). */
  | { readonly kind: 'benchCounters'; readonly options: BenchCountersOptions }
  /** Saves the active model in this browser under `name`. */
  | { readonly kind: 'saveModel'; readonly name: string }
  /** Makes a saved model the active one. */
  | { readonly kind: 'loadSavedModel'; readonly id: string }
  | { readonly kind: 'renameSavedModel'; readonly id: string; readonly name: string }
  | { readonly kind: 'deleteSavedModel'; readonly id: string }
  /** The active model as one zip file (model.json, weights.bin, metadata.json). */
  | { readonly kind: 'exportModel' }
  /** Checks a model file and, if it is good, makes it the active model. */
  | { readonly kind: 'importModel'; readonly bytes: Uint8Array; readonly fileName: string }
  /** Makes the pretrained model (or the last run's model) the active one. */
  | { readonly kind: 'useModel'; readonly which: 'pretrained' | 'run' }
  /** The interrupted run: continue it, keep its checkpoint as a saved model, or forget it. */
  | { readonly kind: 'interruptedRun'; readonly action: 'resume' | 'save' | 'discard' }
  /** After a divergence: put back the weights from before the run. */
  | { readonly kind: 'restoreStartWeights' }
  /** The active model's test evaluation (for a model not trained in this run), sent as `modelEvaluation`. */
  | { readonly kind: 'evaluateActiveModel' };

export interface ResponseOf {
  readonly predict: Float32Array;
  readonly saveModel: SavedModelSummary;
  readonly loadSavedModel: null;
  readonly renameSavedModel: null;
  readonly deleteSavedModel: null;
  readonly exportModel: { readonly bytes: Uint8Array; readonly fileName: string };
  readonly importModel: null;
  readonly useModel: null;
  readonly interruptedRun: null;
  readonly restoreStartWeights: null;
  readonly evaluateActiveModel: null;
  readonly inspect: { readonly snapshot: InternalsSnapshot; readonly modelRevision: number; readonly batchesTrained: number };
  readonly benchTrain: BenchTrainResult;
  readonly benchTimeToAccuracy: BenchTimeToAccuracyResult;
  readonly benchCounters: BenchCountersResult;
  readonly loseDevice: boolean;
}

export type EngineEvent =
  | { readonly type: 'ready'; readonly version: number; readonly thread: 'worker' | 'page' }
  | { readonly type: 'backend'; readonly backend: Omit<BackendState, 'thread' | 'threadNote'> }
  | { readonly type: 'data'; readonly data: DataState }
  /** One decoded sheet, so the page can show the images (a copy, transferred). */
  | {
      readonly type: 'sheet';
      readonly split: 'train' | 'test';
      readonly sheet: number;
      /** The split's size and sheet ranges (image indices), to place the sheet. */
      readonly layout: SplitLayout;
      /** The sheet's images, count×784 bytes 0..255. */
      readonly pixels: Uint8Array;
      /** All of the split's labels (one byte each). */
      readonly labels: Uint8Array;
    }
  | { readonly type: 'model'; readonly model: ModelInfo }
  /** A run started: the curves start over. */
  | {
      readonly type: 'runStarted';
      readonly progress: TrainingProgress;
      /** A resumed run's curves so far (it continues them). */
      readonly history?: { readonly batches: readonly BatchPoint[]; readonly epochs: readonly EpochEvent[] };
    }
  | { readonly type: 'progress'; readonly progress: Partial<TrainingProgress>; readonly batches: readonly BatchPoint[] }
  | { readonly type: 'epoch'; readonly epoch: EpochEvent; readonly numTensors: number }
  | { readonly type: 'learningRateChange'; readonly change: LearningRateChange }
  | { readonly type: 'epochEvaluation'; readonly evaluation: EpochEvaluation }
  | { readonly type: 'testEvaluation'; readonly evaluation: FinalEvaluation | null }
  /** The run ended (finished, stopped or failed), with everything needed to compare it later. */
  | { readonly type: 'runEnded'; readonly run: RunSummary }
  /** Back to an untrained model with no curves. */
  | { readonly type: 'reset'; readonly progress: TrainingProgress }
  | { readonly type: 'response'; readonly id: number; readonly ok: true; readonly result: ResponseOf[keyof ResponseOf] }
  | { readonly type: 'response'; readonly id: number; readonly ok: false; readonly error: string }
  /** The models saved in this browser, and the storage they use. */
  | { readonly type: 'library'; readonly library: LibraryState }
  /** The shipped model: being fetched, ready (with its test accuracy), or why not. */
  | { readonly type: 'pretrained'; readonly pretrained: PretrainedState }
  /** A run that a reload or crash interrupted (null: none, or it was resumed or discarded). */
  | { readonly type: 'interruptedRun'; readonly run: InterruptedRun | null }
  /** The last run's model is kept aside while another is active (null: none). */
  | { readonly type: 'runModel'; readonly available: boolean }
  /** A test evaluation of the active model outside a run (e.g. the pretrained model). */
  | { readonly type: 'modelEvaluation'; readonly evaluation: FinalEvaluation | null }
  /** An experiment's progress: started, an arm's batches, an arm's result, its end. */
  | { readonly type: 'experiment'; readonly update: ExperimentUpdate }
  /** Something failed outside any request: shown to the user. */
  | { readonly type: 'failure'; readonly message: string };

/** The buffers worth moving instead of copying when `event` crosses to another thread. */
export function transferablesOf(event: EngineEvent): Transferable[] {
  switch (event.type) {
    case 'sheet':
      return [event.pixels.buffer, event.labels.buffer];
    case 'epochEvaluation':
      return [event.evaluation.indices.buffer, event.evaluation.probabilities.buffer];
    case 'testEvaluation':
    case 'modelEvaluation':
      return event.evaluation ? [event.evaluation.indices.buffer, event.evaluation.probabilities.buffer] : [];
    case 'response':
      if (event.ok && event.result instanceof Float32Array) return [event.result.buffer];
      if (event.ok && event.result && typeof event.result === 'object' && 'bytes' in event.result && event.result.bytes instanceof Uint8Array) return [event.result.bytes.buffer];
      return [];
    default:
      return [];
  }
}
