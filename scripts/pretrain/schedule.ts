/**
 * Cosine learning-rate decay, one rate per epoch: the first epoch trains at `initial`, the
 * last at initial × finalFactor, smoothly in between (Loshchilov & Hutter 2017, no restarts).
 */
export function cosineLearningRate(initial: number, finalFactor: number, epoch: number, epochs: number): number {
  if (epochs <= 1) return initial;
  const progress = Math.min(1, Math.max(0, epoch / (epochs - 1)));
  return initial * (finalFactor + (1 - finalFactor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
}
