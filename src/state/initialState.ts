import { SIMPLE_CNN, type ModelSpec } from '../ml/model/spec';
import type { ParsedRunConfig } from '../ml/config/runConfig';
import type { AppState, TrainingState } from './types';

export const idleTraining = (epochs: number, numTensors = 0): TrainingState => ({
  status: 'idle',
  epoch: 0,
  epochs,
  batch: 0,
  batchesInEpoch: 0,
  waiting: false,
  examplesPerSecond: null,
  etaSeconds: null,
  batches: [],
  epochHistory: [],
  evaluationProgress: null,
  error: null,
  numTensors,
  learningRateChanges: [],
  earlyStopping: null,
});

/** `spec`: the model from the URL (see parseUrlState); the simple CNN without one. */
export function initialState({ config, problems, spec }: ParsedRunConfig & { spec?: ModelSpec }): AppState {
  return {
    config,
    configProblems: problems,
    backend: { status: 'starting', requested: config.backend, active: null, renderer: null, software: false, details: null, note: null, error: null },
    data: { status: 'idle', progress: null, error: null, trainAvailable: 0, testAvailable: 0, decoderNote: null, loadSeconds: null, revision: 0 },
    training: idleTraining(config.epochs),
    test: null,
    modelSpec: spec ?? SIMPLE_CNN,
    modelRevision: 0,
    runs: [],
  };
}
