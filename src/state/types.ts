/** The types views read, in one place: the engine's reports and the page's own state. */
export type {
  BackendState,
  BatchPoint,
  DataState,
  EpochEvaluation,
  FinalEvaluation,
  ModelInfo,
  ModelLayerSummary,
  RunRecord,
  TestPredictions,
  TestResult,
  TrainingState,
  TrainingStatus,
} from '../protocol/engineState';
export type { AppState, ExternalInput, UiState } from './appState';
export type { DatasetView } from './datasetMirror';
export type { InterruptedRun, LibraryState, SavedModelSummary } from '../protocol/library';
export type { PretrainedState } from '../protocol/messages';
