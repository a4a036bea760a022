/**
 * The smoothed curve drawn over the noisy per-batch values: an exponential moving average
 * (TensorBoard's "smoothing"), debiased so that it starts at the first value instead of 0.
 * `weight` in [0, 1): how much of the past each point keeps (0.9 ≈ the last ten batches).
 */
export function smoothed(values: readonly number[], weight = 0.9): number[] {
  const out: number[] = [];
  let average = 0;
  let correction = 0;
  for (const v of values) {
    average = weight * average + (1 - weight) * v;
    correction = weight * correction + (1 - weight);
    out.push(average / correction);
  }
  return out;
}
