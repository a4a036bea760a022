/** Selectors shared by several views (each returns a primitive or a stored object, so Object.is compares). */
import { canStartRun, isBusyStatus } from '../engine/readiness';
import { runConfigProblems } from '../ml/config/runConfig';
import { analyzeModel } from '../ml/model/analyze';
import type { AppState } from './appState';

export const selectBusy = (s: AppState): boolean => isBusyStatus(s.training.status);

export const selectCanTrain = (s: AppState): boolean => canStartRun({ backend: s.backend, data: s.data, config: s.config, modelReady: s.model.ready });

/** Batches trained plus epochs finished: changes whenever the model's weights have moved on. */
export const selectTrainingProgressCount = (s: AppState): number => s.training.batches.length + s.training.epochHistory.length;

const specValidity = new WeakMap<AppState['modelSpec'], boolean>();
/** The model spec is a trainable network (cached per spec object: selectors run on every update). */
export function selectSpecValid(s: AppState): boolean {
  let valid = specValidity.get(s.modelSpec);
  if (valid === undefined) {
    valid = analyzeModel(s.modelSpec).valid;
    specValidity.set(s.modelSpec, valid);
  }
  return valid;
}

/** What holds Train back besides loading: the network, typed settings not accepted, settings out of range. Compare with shallowEqual. */
export const selectTrainBlockers = (s: AppState): readonly string[] => [
  ...(selectSpecValid(s) ? [] : ['The network has problems: see the Model view.']),
  ...Object.values(s.ui.fieldProblems),
  ...runConfigProblems(s.config),
];
