/** Conversions between a run's records as the engine reports them and as a checkpoint or saved model keeps them. */
import type { RunConfig } from '../ml/config/runConfig';
import type { EpochRecord } from '../ml/models/metadata';
import type { Checkpoint } from '../ml/training/checkpoint';
import type { EpochEvent } from '../ml/training/trainer';
import type { BatchPoint } from '../protocol/engineState';

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

/**
 * A checkpoint's batch curve with the epoch of each point put back (the checkpoint keeps
 * step, loss and accuracy; steps per epoch are the same in every full epoch).
 */
export function checkpointBatches(checkpoint: Checkpoint): BatchPoint[] {
  const { batchesCompleted, epochsCompleted } = checkpoint.state;
  const perEpoch = Math.max(1, Math.round(batchesCompleted / Math.max(1, epochsCompleted)));
  return checkpoint.history.batches.map((b) => ({ ...b, epoch: Math.min(epochsCompleted - 1, Math.floor((b.step - 1) / perEpoch)) }));
}

/** The run settings a checkpoint was trained with, over the page's current ones (test size, backend). */
export function runConfigOf(checkpoint: Checkpoint, current: RunConfig): RunConfig {
  const c = checkpoint.config;
  return { ...current, epochs: c.epochs, batchSize: c.batchSize, validationSplit: c.validationSplit, trainSize: c.trainSize, seed: c.seed, autostart: false };
}
