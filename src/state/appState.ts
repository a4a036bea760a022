/**
 * The app state the components render: a projection of the engine's events (backend, data,
 * training, model, evaluations, runs) plus state that only the page has (the settings being
 * edited, the view, instructor mode, the image picked for the internals). Plain data,
 * replaced (never mutated) on change, read through selectors.
 */
import { EMPTY_DRAWING, type DrawingHistory } from './drawing';
import type {
  BackendState,
  DataState,
  EpochEvaluation,
  FinalEvaluation,
  ModelInfo,
  RunRecord,
  TestResult,
  TrainingState,
} from '../protocol/engineState';
import { idleProgress } from '../protocol/engineState';
import { NO_OFFLINE_COPY } from '../ml/data/offlineCopy';
import type { InterruptedRun, LibraryState } from '../protocol/library';
import type { PretrainedState } from '../protocol/messages';
import type { RunConfig } from '../ml/config/runConfig';
import { SIMPLE_CNN, type ModelSpec } from '../ml/model/spec';
import { INITIAL_APP_SHELL, type AppShellState } from './appShell';
import { emptyDataset, type DatasetView } from './datasetMirror';
import { NO_EXPERIMENTS, type ExperimentsState } from './experiments';
import { DEFAULT_VIEW, type ViewId } from './views';
import { NO_PACE, type PaceEstimate } from './runPace';

export interface ExternalInput {
  /** 28×28 bytes, 0..255, row-major, white garment on black like Fashion-MNIST. */
  readonly pixels: Uint8Array;
  readonly label: string;
  /** Bumped on every call, so the same image sent twice still refreshes. */
  readonly revision: number;
  /** Whether the internals view should open and bring itself into view (false for live follow-ups). */
  readonly reveal: boolean;
}

export interface UiState {
  readonly instructor: boolean;
  /** The one view on screen (mirrored to the address as ?view=…). */
  readonly view: ViewId;
  /** An image sent to the internals view from elsewhere (a drawing, an upload). */
  readonly internalsInput: ExternalInput | null;
  readonly internalsOpen: boolean;
  /** Settings typed but not accepted (field → problem): Train waits for them, from any view. */
  readonly fieldProblems: Readonly<Record<string, string>>;
  /** The classify view's drawing, kept while other views are shown. */
  readonly drawing: DrawingHistory;
  /** Reset was asked for while a run is in progress: the page asks before throwing it away. */
  readonly confirmingReset: boolean;
  /** What the last Reset did (which model is active now), until the next run starts. */
  readonly resetNote: string | null;
}

export interface AppState {
  readonly config: RunConfig;
  readonly configProblems: readonly string[];
  readonly modelSpec: ModelSpec;
  readonly backend: BackendState;
  readonly data: DataState;
  /** The images loaded so far (a new object whenever more arrive). */
  readonly dataset: DatasetView;
  readonly training: TrainingState;
  readonly test: TestResult | null;
  readonly model: ModelInfo;
  /** The latest per-epoch evaluation of the current model, and the final one of its run. */
  readonly evaluation: { readonly epoch: EpochEvaluation | null; readonly final: FinalEvaluation | null };
  /** Finished or stopped runs of this session, oldest first, for comparison. */
  readonly runs: readonly RunRecord[];
  /** The models saved in this browser. */
  readonly library: LibraryState;
  readonly pretrained: PretrainedState;
  /** A run a reload or crash interrupted, which can be resumed. */
  readonly interruptedRun: InterruptedRun | null;
  /** The last run's model is kept aside while another model is active. */
  readonly runModelAvailable: boolean;
  /** The latest engine failure outside any request (shown until dismissed). */
  readonly failure: string | null;
  /** The run's remaining time and speed, measured by the page (src/state/runPace.ts); nulls outside a run. */
  readonly pace: PaceEstimate;
  /** Training examples/s of the last run measured in this tab (prices the run sizes); null before any. */
  readonly measuredSpeed: number | null;
  /** The lessons' experiments: the one running and every finished arm. */
  readonly experiments: ExperimentsState;
  readonly ui: UiState;
  /** The installed app: service worker, waiting update, persistent storage (page-only). */
  readonly appShell: AppShellState;
}

export const idleTraining = (epochs: number, numTensors = 0): TrainingState => ({ ...idleProgress(epochs, numTensors), batches: [], epochHistory: [], learningRateChanges: [] });

/** `spec`: the model from the URL (see parseUrlState); the simple CNN without one. */
export function initialAppState({ config, problems, spec }: { readonly config: RunConfig; readonly problems: readonly string[]; readonly spec?: ModelSpec }, ui: Partial<UiState> = {}): AppState {
  return {
    config,
    configProblems: problems,
    modelSpec: spec ?? SIMPLE_CNN,
    backend: {
      status: 'starting',
      requested: config.backend,
      active: null,
      renderer: null,
      software: false,
      details: null,
      note: null,
      error: null,
      thread: null,
      threadNote: null,
    },
    data: { status: 'idle', progress: null, error: null, trainAvailable: 0, testAvailable: 0, decoderNote: null, loadSeconds: null, offline: NO_OFFLINE_COPY },
    dataset: emptyDataset(),
    training: idleTraining(config.epochs),
    test: null,
    model: { revision: 0, ready: false, name: '', source: 'untrained', spec: null, test: null, error: null, batchesTrained: 0, params: 0, layers: [] },
    evaluation: { epoch: null, final: null },
    runs: [],
    library: { available: true, error: null, models: [], usage: null },
    pretrained: { status: 'none', name: null, testAccuracy: null, testCount: null, error: null },
    interruptedRun: null,
    runModelAvailable: false,
    failure: null,
    pace: NO_PACE,
    measuredSpeed: null,
    appShell: INITIAL_APP_SHELL,
    experiments: NO_EXPERIMENTS,
    ui: { instructor: false, view: DEFAULT_VIEW, internalsInput: null, internalsOpen: false, fieldProblems: {}, drawing: EMPTY_DRAWING, confirmingReset: false, resetNote: null, ...ui },
  };
}
