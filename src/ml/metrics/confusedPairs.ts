/**
 * "Which classes does the model mix up?" Ranks unordered class pairs {a, b} by
 * the off-diagonal mass cm[a][b] + cm[b][a]. Pairs are unordered because for a
 * human reading the summary "Shirt ↔ T-shirt/top" is one confusion, but both
 * directions are kept since the asymmetry is informative (e.g. shirts called
 * T-shirts far more often than the reverse).
 */
import type { ConfusionMatrix } from './confusionMatrix';

export interface ConfusedPair {
  /** The smaller class index of the pair. */
  readonly a: number;
  /** The larger class index of the pair. */
  readonly b: number;
  /** cm[a][b]: examples of class a predicted as b. */
  readonly aPredictedAsB: number;
  /** cm[b][a]: examples of class b predicted as a. */
  readonly bPredictedAsA: number;
  /** aPredictedAsB + bPredictedAsA. */
  readonly total: number;
}

export interface ConfusedPairsOptions {
  /**
   * Keep pairs that were never confused. Off by default: a "most confused"
   * list padded with 0-count pairs (in arbitrary order) is noise.
   */
  readonly includeZero?: boolean;
}

/** Every unordered pair a < b, ranked (see `compareConfusedPairs`). */
export function allConfusedPairs(cm: ConfusionMatrix, options: ConfusedPairsOptions = {}): ConfusedPair[] {
  const pairs: ConfusedPair[] = [];
  for (let a = 0; a < cm.numClasses; a++) {
    for (let b = a + 1; b < cm.numClasses; b++) {
      const aPredictedAsB = cm.counts[a][b];
      const bPredictedAsA = cm.counts[b][a];
      const pairTotal = aPredictedAsB + bPredictedAsA;
      if (pairTotal === 0 && !options.includeZero) continue;
      pairs.push(Object.freeze({ a, b, aPredictedAsB, bPredictedAsA, total: pairTotal }));
    }
  }
  return pairs.sort(compareConfusedPairs);
}

/**
 * Ordering: larger total first; on ties the pair with the larger single
 * direction first (a lopsided confusion is the more specific finding); then by
 * (a, b) ascending so the order is deterministic and the UI does not reshuffle
 * equal pairs between renders.
 */
export function compareConfusedPairs(x: ConfusedPair, y: ConfusedPair): number {
  return (
    y.total - x.total ||
    Math.max(y.aPredictedAsB, y.bPredictedAsA) - Math.max(x.aPredictedAsB, x.bPredictedAsA) ||
    x.a - y.a ||
    x.b - y.b
  );
}

/** The k most-confused pairs (fewer if fewer pairs have any confusion). */
export function mostConfusedPairs(
  cm: ConfusionMatrix,
  k: number,
  options: ConfusedPairsOptions = {},
): ConfusedPair[] {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  return allConfusedPairs(cm, options).slice(0, k);
}
