/**
 * Softmax step by step, for showing how class scores (logits) become probabilities:
 * p_i = exp(z_i - max z) / sum_j exp(z_j - max z). Subtracting the largest score first
 * changes nothing mathematically and keeps exp() from overflowing.
 */

export interface SoftmaxRow {
  readonly classIndex: number;
  /** The raw class score z_i (any real number). */
  readonly logit: number;
  /** exp(z_i - max z), in (0, 1]. */
  readonly exp: number;
  /** exp / sum of exps, in [0, 1]; the rows sum to 1. */
  readonly probability: number;
}

export interface SoftmaxBreakdown {
  readonly rows: readonly SoftmaxRow[];
  readonly maxLogit: number;
  readonly sumExp: number;
}

export function softmaxBreakdown(logits: ArrayLike<number>): SoftmaxBreakdown {
  if (logits.length === 0) throw new RangeError('softmax of no scores');
  let maxLogit = -Infinity;
  for (let i = 0; i < logits.length; i++) maxLogit = Math.max(maxLogit, logits[i]);
  const exps = Array.from(logits, (z) => Math.exp(z - maxLogit));
  const sumExp = exps.reduce((a, b) => a + b, 0);
  const rows = exps.map((exp, classIndex) => ({ classIndex, logit: logits[classIndex], exp, probability: exp / sumExp }));
  return { rows, maxLogit, sumExp };
}
