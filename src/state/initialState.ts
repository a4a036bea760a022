import { SIMPLE_CNN } from '../ml/model/spec';
import type { ParsedRunConfig } from '../ml/config/runConfig';
import type { AppState, TrainingState } from './types';

export const idleTraining = (epochs: number, numTensors = 0): TrainingState => ({
  status: 'idle',
  epoch: 0,
  epochs,
  batch: 0,
  batchesInEpoch: 0,
  examplesPerSecond: null,
  etaSeconds: null,
  batches: [],
  epochHistory: [],
  evaluationProgress: null,
  error: null,
  numTensors,
});

export function initialState({ config, problems }: ParsedRunConfig): AppState {
  return {
    config,
    configProblems: problems,
    backend: { status: 'starting', requested: config.backend, active: null, renderer: null, software: false, note: null, error: null },
    data: { status: 'idle', progress: null, error: null, trainAvailable: 0, testAvailable: 0, decoderNote: null, loadSeconds: null, revision: 0 },
    training: idleTraining(config.epochs),
    test: null,
    modelSpec: SIMPLE_CNN,
    modelRevision: 0,
  };
}
