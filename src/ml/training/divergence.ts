/**
 * Divergence: training has gone off the rails when a batch loss is NaN or infinite, or when
 * the loss, smoothed over recent batches, stays far above where it started for several
 * batches in a row (typically a learning rate too high for the optimizer). Pure: fed one
 * loss per batch, it says when to stop and explain.
 *
 * The reference is the larger of the first batch's loss and the loss of guessing at random
 * (ln 10 for ten classes): a run that starts from trained weights (first loss ~0.3) must not
 * be flagged for ordinary noise, but one that climbs to 3× chance level has forgotten
 * everything. Thresholds were checked on real runs (divergence.test.ts): Adam at 0.001 and
 * 0.01 never comes near them; momentum SGD at learning rate 1 crosses them within a few batches.
 */

export interface DivergenceConfig {
  /** The smoothed loss must exceed this multiple of the reference loss… */
  readonly factor: number;
  /** …for this many consecutive batches. */
  readonly patience: number;
  /** Weight of the newest batch in the moving average, in (0, 1]. */
  readonly smoothing: number;
  /** Loss of a uniform guess: ln(number of classes). */
  readonly chanceLoss: number;
}

/** Batches back at chance level that make a collapse (long enough for noise to average out). */
const COLLAPSE_BATCHES = 20;

export const DEFAULT_DIVERGENCE: DivergenceConfig = { factor: 3, patience: 5, smoothing: 0.3, chanceLoss: Math.log(10) };

export interface DivergenceInfo {
  /** not-finite: NaN/∞; exploding: the loss stays far above its start; collapsed: back to guessing after a spike or after having learned. */
  readonly reason: 'not-finite' | 'exploding' | 'collapsed';
  /** Batches seen by the monitor when it fired (from 1). */
  readonly batchesSeen: number;
  readonly loss: number;
  readonly smoothedLoss: number;
  /** The loss it compares with: max(first batch loss, chance level). */
  readonly referenceLoss: number;
  /** For the user: what happened and what to do. */
  readonly message: string;
}

const format = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : String(x));

export class DivergenceMonitor {
  private reference: number | null = null;
  private smoothed: number | null = null;
  private above = 0;
  private seen = 0;
  private quietUntil = 0;
  /** Batch of the first loss above the limit (a spike), if any. */
  private spikeAt: number | null = null;
  private spikeLoss = 0;
  /** Lowest smoothed loss so far: the network had learned something when it is well under chance. */
  private best = Infinity;
  /** Consecutive batches with the smoothed loss back at chance level. */
  private atChance = 0;

  constructor(private readonly config: DivergenceConfig = DEFAULT_DIVERGENCE) {}

  /**
   * Records one batch loss; returns why training diverged, or null. After firing it stays
   * quiet for `patience` batches, so a run that keeps diverging is reported again, not on every batch.
   */
  update(loss: number): DivergenceInfo | null {
    this.seen++;
    const quiet = this.seen < this.quietUntil;
    if (!Number.isFinite(loss)) {
      this.above = 0;
      if (quiet) return null;
      this.quietUntil = this.seen + this.config.patience;
      return {
        reason: 'not-finite',
        batchesSeen: this.seen,
        loss,
        smoothedLoss: this.smoothed ?? loss,
        referenceLoss: this.reference ?? this.config.chanceLoss,
        message: `The loss became ${String(loss)} at batch ${this.seen}: the weights overflowed, so the network can no longer learn. The learning rate is too high for this optimizer: lower it (e.g. ÷10), or restore the weights from before this run.`,
      };
    }
    if (this.reference === null) this.reference = Math.max(loss, this.config.chanceLoss);
    this.smoothed = this.smoothed === null ? loss : this.config.smoothing * loss + (1 - this.config.smoothing) * this.smoothed;
    const limit = this.config.factor * this.reference;
    if (loss > limit && this.spikeAt === null) {
      this.spikeAt = this.seen;
      this.spikeLoss = loss;
    }
    this.best = Math.min(this.best, this.smoothed);
    const chance = this.config.chanceLoss;
    this.atChance = this.smoothed >= 0.95 * chance ? this.atChance + 1 : 0;
    const learnedBefore = this.best < 0.6 * chance;
    // Guessing again for a while, after a spike or after having learned: the run collapsed.
    if (!quiet && this.atChance >= COLLAPSE_BATCHES && (this.spikeAt !== null || learnedBefore)) {
      this.atChance = 0;
      this.quietUntil = this.seen + COLLAPSE_BATCHES;
      const what =
        this.spikeAt !== null
          ? `The loss jumped to ${format(this.spikeLoss)} at batch ${this.spikeAt}, and for the last ${COLLAPSE_BATCHES} batches the network has only been guessing (loss ${format(this.smoothed)}, chance is ${format(chance)})`
          : `The loss had fallen to ${format(this.best)}, but for the last ${COLLAPSE_BATCHES} batches it is back at chance level (${format(this.smoothed)}): the network forgot what it had learned`;
      this.spikeAt = null;
      return {
        reason: 'collapsed',
        batchesSeen: this.seen,
        loss,
        smoothedLoss: this.smoothed,
        referenceLoss: this.reference,
        message: `${what}. The learning rate is too high for this optimizer: lower it (e.g. ÷10), or restore the weights from before this run.`,
      };
    }
    this.above = this.smoothed > limit ? this.above + 1 : 0;
    if (this.above < this.config.patience || quiet) return null;
    this.above = 0;
    this.quietUntil = this.seen + this.config.patience;
    return {
      reason: 'exploding',
      batchesSeen: this.seen,
      loss,
      smoothedLoss: this.smoothed,
      referenceLoss: this.reference,
      message: `The loss has stayed above ${format(limit)} (${this.config.factor}× ${format(this.reference)}) for ${this.config.patience} batches, now ${format(this.smoothed)}: training is diverging. The learning rate is probably too high for this optimizer: lower it (e.g. ÷10), or restore the weights from before this run.`,
    };
  }
}
