/** When a run can start: shared by the engine (which enforces it) and the page (which enables Train). */
import { runConfigProblems, type RunConfig } from '../ml/config/runConfig';
import type { BackendState, DataState, TrainingStatus } from './engineState';

const BUSY: readonly TrainingStatus[] = ['training', 'paused', 'validating', 'evaluating'];

export function isBusyStatus(status: TrainingStatus): boolean {
  return BUSY.includes(status);
}

/**
 * Enough is loaded to train: every training image of the run (so epoch 1 is a full epoch like
 * the others, and the same seed and settings give the same curves), and the test images.
 */
export function canStartRun(input: {
  readonly backend: Pick<BackendState, 'status'>;
  readonly data: Pick<DataState, 'trainAvailable' | 'testAvailable'>;
  readonly config: RunConfig;
  readonly modelReady: boolean;
}): boolean {
  const { backend, data, config, modelReady } = input;
  if (backend.status !== 'ready' || !modelReady || runConfigProblems(config).length > 0) return false;
  const valCount = Math.floor(config.trainSize * config.validationSplit);
  return data.trainAvailable >= config.trainSize && data.trainAvailable > valCount && data.testAvailable >= config.testSize;
}
