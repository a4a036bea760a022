/**
 * How each engine event changes the app state: a pure function, so the projection is tested
 * without an engine. Commands never change engine-owned state here; only events do.
 */
import type { EngineEvent } from '../protocol/messages';
import type { AppState } from './appState';
import { withSheet } from './datasetMirror';
import { projectExperiment } from './experiments';
import { nextRunId } from './runHistory';

export function projectEvent(state: AppState, event: EngineEvent): AppState {
  switch (event.type) {
    case 'ready':
      return { ...state, backend: { ...state.backend, thread: event.thread } };
    case 'backend':
      return { ...state, backend: { ...state.backend, ...event.backend } };
    case 'data':
      return { ...state, data: event.data };
    case 'sheet':
      return { ...state, dataset: withSheet(state.dataset, event) };
    case 'model':
      return { ...state, model: event.model };
    case 'runStarted':
      return {
        ...state,
        test: null,
        evaluation: { epoch: null, final: null },
        training: { ...event.progress, batches: event.history?.batches ?? [], epochHistory: event.history?.epochs ?? [], learningRateChanges: [] },
      };
    case 'progress': {
      const { training } = state;
      const batches = event.batches.length ? [...training.batches, ...event.batches] : training.batches;
      return { ...state, training: { ...training, ...event.progress, batches } };
    }
    case 'epoch':
      return { ...state, training: { ...state.training, epochHistory: [...state.training.epochHistory, event.epoch], numTensors: event.numTensors } };
    case 'learningRateChange':
      return { ...state, training: { ...state.training, learningRateChanges: [...state.training.learningRateChanges, event.change] } };
    case 'epochEvaluation':
      return { ...state, evaluation: { ...state.evaluation, epoch: event.evaluation } };
    case 'testEvaluation':
      return {
        ...state,
        test: event.evaluation?.result ?? null,
        evaluation: { ...state.evaluation, final: event.evaluation },
      };
    case 'runEnded': {
      const { batches, epochHistory, learningRateChanges, earlyStopping } = state.training;
      return {
        ...state,
        training: { ...state.training, earlyStopping: event.run.earlyStopping ?? earlyStopping },
        // Numbered after the runs kept from earlier visits (the engine counts this tab's runs only).
        runs: [...state.runs, { ...event.run, id: nextRunId(state.runs), batches, epochHistory, learningRateChanges }],
      };
    }
    case 'reset':
      return {
        ...state,
        test: null,
        evaluation: { epoch: null, final: null },
        training: { ...event.progress, batches: [], epochHistory: [], learningRateChanges: [] },
      };
    case 'modelEvaluation':
      return { ...state, evaluation: { epoch: null, final: event.evaluation } };
    case 'library':
      return { ...state, library: event.library };
    case 'pretrained':
      return { ...state, pretrained: event.pretrained };
    case 'interruptedRun':
      return { ...state, interruptedRun: event.run };
    case 'runModel':
      return { ...state, runModelAvailable: event.available };
    case 'failure':
      return { ...state, failure: event.message };
    case 'experiment':
      return { ...state, experiments: projectExperiment(state.experiments, event.update) };
    case 'response':
      return state;
  }
}
