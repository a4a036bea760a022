/**
 * The learning rate of each batch of a run: the schedule's value times a scale that manual
 * changes set. A manual change during a run (TrainingControl.requestLearningRate) sets the
 * rate of the next batch to exactly the requested value and scales the rest of the schedule
 * by the same factor: halving the rate mid-run halves every later scheduled value, and the
 * schedule keeps its shape. With the constant schedule this is simply "the new rate from now on".
 */
import type * as tf from '@tensorflow/tfjs';
import { getLearningRate, setLearningRate } from './learningRate';
import { learningRateAt, type ScheduleName } from './schedules';

export class ScheduledRate {
  private scale = 1;

  /**
   * @param peak the recipe's learning rate (the optimizer's rate when the run starts)
   * @param totalSteps planned batches of the whole run (≥ 1)
   */
  constructor(
    readonly schedule: ScheduleName,
    private readonly peak: number,
    readonly totalSteps: number,
  ) {
    learningRateAt(schedule, peak, 0, totalSteps); // validates the arguments now
  }

  /** The rate for batch `step` (0-based, counted over the whole run). */
  rateAt(step: number): number {
    return this.scale * learningRateAt(this.schedule, this.peak, step, this.totalSteps);
  }

  /**
   * A manual change before batch `step`: that batch trains at `rate`, later ones at the
   * schedule scaled by the same factor. Where the schedule is 0 (the last batch of a cosine
   * run) the scale cannot be derived from it, so the peak is rescaled instead.
   */
  setManualRate(step: number, rate: number): void {
    const scheduled = learningRateAt(this.schedule, this.peak, step, this.totalSteps);
    this.scale = scheduled > 0 ? rate / scheduled : this.peak > 0 ? rate / this.peak : 1;
  }
}

/** Planned batches of a run: every epoch a full pass over the training examples. */
export function plannedSteps(epochs: number, trainExamples: number, batchSize: number): number {
  return Math.max(1, epochs * Math.ceil(Math.max(1, trainExamples) / batchSize));
}

/**
 * Sets the optimizer's rate for batch `step` (0-based) before it runs: `requested` (a manual
 * change, which also rescales the schedule) or else the scheduled value. Calls `onManualChange`
 * when a manual request changes the rate. Returns the rate the batch trains with.
 */
export function applyRateForStep(
  optimizer: tf.Optimizer,
  rates: ScheduledRate,
  step: number,
  requested: number | null,
  onManualChange: (from: number, to: number) => void,
): number {
  const current = getLearningRate(optimizer);
  if (requested !== null) rates.setManualRate(step, requested);
  const rate = requested ?? rates.rateAt(step);
  if (rate !== current) setLearningRate(optimizer, rate);
  if (requested !== null && requested !== current) onManualChange(current, requested);
  return rate;
}
