/**
 * Learning-rate schedules: the rate for a batch as a pure function of the batch's index in
 * the run and the run's planned number of batches. `peak` is the recipe's learning rate.
 *
 * - constant: peak throughout.
 * - step:     peak, ×0.1 from half-way, ×0.01 from three quarters of the run.
 * - cosine:   linear warm-up from peak/25 to peak over the first 5% of the batches (at least
 *             one), then half a cosine down to 0 at the last batch.
 * - oneCycle: Smith's one-cycle (as PyTorch's OneCycleLR): cosine rise from peak/25 to peak
 *             over the first 30%, then cosine fall to peak/25/10⁴.
 * Warm-up lets a high peak rate be used without the first, large gradients of a fresh
 * network throwing the weights far; the decay lets the weights settle at the end of a run.
 */
export const SCHEDULES = ['constant', 'step', 'cosine', 'oneCycle'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

export const SCHEDULE_LABELS: Record<ScheduleName, string> = {
  constant: 'Constant',
  step: 'Step decay',
  cosine: 'Cosine with warm-up',
  oneCycle: 'One-cycle',
};

/** One line each, for the form. */
export const SCHEDULE_EXPLANATIONS: Record<ScheduleName, string> = {
  constant: 'The same rate for every batch.',
  step: 'The full rate, then ÷10 from half-way and ÷100 from three quarters of the run.',
  cosine: 'Ramps up over the first 5% of batches, then glides down to zero along a cosine.',
  oneCycle: 'Climbs from 1/25 of the rate to the full rate over the first 30%, then falls to almost zero.',
};

const WARMUP_START = 1 / 25;
const COSINE_WARMUP_FRACTION = 0.05;
const ONE_CYCLE_RISE_FRACTION = 0.3;
const ONE_CYCLE_FINAL = WARMUP_START / 1e4;

/** From a to b as t goes 0 → 1, along half a cosine (flat at both ends). */
function cosineBetween(a: number, b: number, t: number): number {
  return b + ((a - b) * (1 + Math.cos(Math.PI * t))) / 2;
}

/**
 * The learning rate for batch `step` (0-based) of a run planned as `totalSteps` batches.
 * Steps past the plan (e.g. a longer first epoch than planned) get the final value.
 * Throws on a non-finite or negative peak, or a non-positive totalSteps.
 */
export function learningRateAt(schedule: ScheduleName, peak: number, step: number, totalSteps: number): number {
  if (!Number.isFinite(peak) || peak < 0) throw new Error(`learning rate must be a finite number ≥ 0, got ${peak}`);
  if (!(totalSteps >= 1)) throw new Error(`a schedule needs at least one step, got ${totalSteps}`);
  const last = Math.max(1, totalSteps - 1);
  const s = Math.min(Math.max(0, step), last);
  switch (schedule) {
    case 'constant':
      return peak;
    case 'step':
      return s < totalSteps / 2 ? peak : s < (3 * totalSteps) / 4 ? peak * 0.1 : peak * 0.01;
    case 'cosine': {
      const warmup = Math.max(1, Math.round(COSINE_WARMUP_FRACTION * totalSteps));
      if (s < warmup) return peak * (WARMUP_START + ((1 - WARMUP_START) * s) / warmup);
      return cosineBetween(peak, 0, totalSteps - 1 <= warmup ? 1 : (s - warmup) / (totalSteps - 1 - warmup));
    }
    case 'oneCycle': {
      const rise = Math.max(1, Math.round(ONE_CYCLE_RISE_FRACTION * totalSteps));
      if (s < rise) return cosineBetween(peak * WARMUP_START, peak, s / rise);
      return cosineBetween(peak, peak * ONE_CYCLE_FINAL, totalSteps - 1 <= rise ? 1 : (s - rise) / (totalSteps - 1 - rise));
    }
  }
}
