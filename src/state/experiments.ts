/**
 * The lessons' experiments as the page knows them: the one running (its arm and progress) and
 * every finished arm's result, by experiment and arm. Finished arms are only ever added or
 * replaced, so stopping, switching views or a reload (results are restored) loses none.
 */
import type { ArmProgress, ArmResult, ExperimentUpdate } from '../ml/experiments/plan';

export interface RunningExperiment {
  readonly experimentId: string;
  readonly armIds: readonly string[];
  readonly progress: ArmProgress | null;
}

export type ExperimentResults = Readonly<Record<string, Readonly<Record<string, ArmResult>>>>;

export interface ExperimentsState {
  readonly running: RunningExperiment | null;
  /** Set when a run was asked for and the engine has not answered yet. */
  readonly requested: string | null;
  readonly results: ExperimentResults;
  /** How each experiment's last attempt ended, when it did not simply finish. */
  readonly problems: Readonly<Record<string, string>>;
}

export const NO_EXPERIMENTS: ExperimentsState = { running: null, requested: null, results: {}, problems: {} };

export function projectExperiment(state: ExperimentsState, update: ExperimentUpdate): ExperimentsState {
  switch (update.kind) {
    case 'started': {
      const problems = { ...state.problems };
      delete problems[update.experimentId];
      return { ...state, requested: null, problems, running: { experimentId: update.experimentId, armIds: update.armIds, progress: null } };
    }
    case 'progress': {
      if (state.running?.experimentId !== update.experimentId) return state;
      const { armId, epoch, batch, batchesInEpoch, epochs, examplesPerSecond } = update;
      return { ...state, running: { ...state.running, progress: { armId, epoch, batch, batchesInEpoch, epochs, examplesPerSecond } } };
    }
    case 'armEnded': {
      const arms = { ...(state.results[update.experimentId] ?? {}), [update.result.armId]: update.result };
      return { ...state, results: { ...state.results, [update.experimentId]: arms } };
    }
    case 'ended': {
      const problems = update.status === 'error' ? { ...state.problems, [update.experimentId]: update.message ?? 'The experiment failed.' } : state.problems;
      const running = state.running?.experimentId === update.experimentId ? null : state.running;
      return { ...state, running, requested: state.requested === update.experimentId ? null : state.requested, problems };
    }
  }
}

/** Restored results (from the browser) under the ones of this session, which win. */
export function withRestoredResults(state: ExperimentsState, saved: ExperimentResults): ExperimentsState {
  const results: Record<string, Record<string, ArmResult>> = {};
  for (const id of new Set([...Object.keys(saved), ...Object.keys(state.results)])) results[id] = { ...(saved[id] ?? {}), ...(state.results[id] ?? {}) };
  return { ...state, results };
}
