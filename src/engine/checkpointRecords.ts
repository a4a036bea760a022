/** Conversions between a run's records as the engine reports them and as a checkpoint or saved model keeps them. */
import type { RunConfig } from '../ml/config/runConfig';
import { withEpochs, type BatchPoint, type EpochRecord } from '../ml/models/metadata';
import type { Checkpoint } from '../ml/training/checkpoint';
import type { EpochEvent } from '../ml/training/trainer';

export const epochRecordOf = (e: EpochEvent): EpochRecord => ({
  epoch: e.epoch,
  loss: e.loss,
  accuracy: e.accuracy,
  valLoss: e.valLoss,
  valAccuracy: e.valAccuracy,
  seconds: e.seconds,
});

export const epochEventOf = (e: EpochRecord): EpochEvent => ({
  epoch: e.epoch,
  loss: e.loss,
  accuracy: e.accuracy,
  valLoss: e.valLoss,
  valAccuracy: e.valAccuracy,
  trainExamples: 0,
  valExamples: 0,
  seconds: e.seconds ?? 0,
});

/** A checkpoint's batch curve (a checkpoint stored before points carried their epoch gets it back). */
export function checkpointBatches(checkpoint: Checkpoint): BatchPoint[] {
  return withEpochs(checkpoint.history.batches, checkpoint.state.epochsCompleted);
}

/** The run settings a checkpoint was trained with, over the page's current ones (test size, backend). */
export function runConfigOf(checkpoint: Checkpoint, current: RunConfig): RunConfig {
  const c = checkpoint.config;
  return { ...current, epochs: c.epochs, batchSize: c.batchSize, validationSplit: c.validationSplit, trainSize: c.trainSize, seed: c.seed, autostart: false };
}
