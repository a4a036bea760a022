/** Selectors shared by several views (each returns a primitive or a stored object, so Object.is compares). */
import { canStartRun, isBusyStatus } from '../protocol/readiness';
import { runConfigProblems } from '../ml/config/runConfig';
import { analyzeModel, type ModelAnalysis } from '../ml/model/analyze';
import { analyzeModelWithBudget, type ResourceEstimate } from '../ml/model/resourceBudget';
import type { AppState } from './appState';

export const selectBusy = (s: AppState): boolean => isBusyStatus(s.training.status);

/** A lesson's experiment occupies the engine too (it refuses a run meanwhile). */
export const selectExperimentBusy = (s: AppState): boolean => s.experiments.running !== null || s.experiments.requested !== null;

export const selectCanTrain = (s: AppState): boolean => !selectExperimentBusy(s) && canStartRun({ backend: s.backend, data: s.data, config: s.config, modelReady: s.model.ready });

/** Batches trained plus epochs finished: changes whenever the model's weights have moved on. */
export const selectTrainingProgressCount = (s: AppState): number => s.training.batches.length + s.training.epochHistory.length;

/**
 * The epochs the Train view plans its charts for: the running (or last) run's own, or, before
 * any run, the settings' (a class assignment or the address may have changed them since load).
 */
export const selectPlannedEpochs = (s: AppState): number => (s.training.status === 'idle' ? s.config.epochs : s.training.epochs);

export type BudgetedAnalysis = ModelAnalysis & { readonly budget: ResourceEstimate | null };

let lastAnalysis: { key: readonly unknown[]; value: BudgetedAnalysis } | null = null;
/**
 * The network's shapes and, once a backend runs, its resource budget there at this batch size:
 * a network too big for this browser is a problem at the network and holds Train back.
 * Cached on its inputs (selectors run on every update).
 */
export function selectModelAnalysis(s: AppState): BudgetedAnalysis {
  const key = [s.modelSpec, s.backend.active, s.config.batchSize, s.backend.software];
  if (lastAnalysis && lastAnalysis.key.every((k, i) => k === key[i])) return lastAnalysis.value;
  const active = s.backend.active;
  const value = active === null ? { ...analyzeModel(s.modelSpec), budget: null } : analyzeModelWithBudget(s.modelSpec, { backend: active, batchSize: s.config.batchSize, softwareWebGl: s.backend.software });
  lastAnalysis = { key, value };
  return value;
}

/** The model spec is a trainable network that fits this backend. */
export const selectSpecValid = (s: AppState): boolean => selectModelAnalysis(s).valid;

/** What holds Train back besides loading: the network, typed settings not accepted, settings out of range. Compare with shallowEqual. */
export const selectTrainBlockers = (s: AppState): readonly string[] => [
  ...(selectSpecValid(s) ? [] : ['The network has problems: see the Model view.']),
  ...Object.values(s.ui.fieldProblems),
  ...runConfigProblems(s.config),
];

/** Train can be pressed now: nothing running, everything loaded, nothing blocking it. */
export const selectCanStart = (s: AppState): boolean => !selectBusy(s) && selectCanTrain(s) && selectTrainBlockers(s).length === 0;
