/** Selectors shared by several views (each returns a primitive or a stored object, so Object.is compares). */
import { canStartRun, isBusyStatus } from '../engine/readiness';
import type { AppState } from './appState';

export const selectBusy = (s: AppState): boolean => isBusyStatus(s.training.status);

export const selectCanTrain = (s: AppState): boolean => canStartRun({ backend: s.backend, data: s.data, config: s.config, modelReady: s.model.ready });

/** Batches trained plus epochs finished: changes whenever the model's weights have moved on. */
export const selectTrainingProgressCount = (s: AppState): number => s.training.batches.length + s.training.epochHistory.length;
