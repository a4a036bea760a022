/**
 * Time to accuracy: when a run's test accuracy first reached each threshold. What a student
 * feels is "how long until my network is good", not examples per second.
 */

/** The thresholds the benchmark reports (fractions of the 10,000 test images). */
export const ACCURACY_THRESHOLDS = [0.9, 0.91, 0.92, 0.93] as const;

/** The test score after (part of) an epoch, with the clock at that point. */
export interface EpochScore {
  /** Epochs trained so far; fractional when a time cap ended the last one early (e.g. 1.4). */
  readonly epoch: number;
  readonly examples: number;
  /** Seconds spent training (batches only) up to here. */
  readonly trainSeconds: number;
  /** Seconds since the run started, the evaluations before this one included. */
  readonly wallSeconds: number;
  /** 0..1 on the test images. */
  readonly testAccuracy: number;
  readonly testLoss: number;
}

export interface Reached {
  readonly trainSeconds: number;
  readonly wallSeconds: number;
  readonly epoch: number;
}

/** Label of a threshold, e.g. 0.9 → "90%", 0.915 → "91.5%". */
export const thresholdLabel = (threshold: number): string => `${Number((threshold * 100).toFixed(1))}%`;

/**
 * For each threshold, the first score at or above it (null: never reached). Scores are in
 * run order; a later dip below a threshold does not undo having reached it.
 */
export function firstReached(scores: readonly EpochScore[], thresholds: readonly number[] = ACCURACY_THRESHOLDS): Record<string, Reached | null> {
  return Object.fromEntries(
    thresholds.map((t) => {
      const first = scores.find((s) => s.testAccuracy >= t);
      return [thresholdLabel(t), first ? { trainSeconds: first.trainSeconds, wallSeconds: first.wallSeconds, epoch: first.epoch } : null];
    }),
  );
}
