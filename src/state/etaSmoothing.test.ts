import { describe, expect, it } from 'vitest';
import { EtaSmoother } from './etaSmoothing';

/** Progress updates at `rate` examples/s with `remaining` examples left. */
const feed = (smoother: EtaSmoother, rates: readonly number[], remaining: (i: number) => number) =>
  rates.map((rate, i) => smoother.update(rate, remaining(i) / rate));

describe('the smoothed ETA', () => {
  it('says nothing until the rate has settled, then prices the remaining examples at the smoothed rate', () => {
    const smoother = new EtaSmoother({ settleUpdates: 4, alpha: 0.5, tolerance: 0.1 });
    const etas = feed(smoother, [1000, 1000, 1000, 1000, 1000], () => 60_000);
    expect(etas.slice(0, 3)).toEqual([null, null, null]);
    expect(etas[3]).toBeCloseTo(60, 6);
    expect(etas[4]).toBeCloseTo(60, 6);
  });

  it('damps a swinging rate instead of following it', () => {
    const smoother = new EtaSmoother({ settleUpdates: 3, alpha: 0.1, tolerance: 0.2 });
    // Settled at 1,000 ex/s, then one update measured at 300 ex/s (a busy moment).
    feed(smoother, [1000, 1000, 1000], () => 100_000);
    const eta = smoother.update(300, 100_000 / 300);
    // Instantaneous: 333 s. Smoothed rate 930 ex/s: about 108 s.
    expect(eta).not.toBeNull();
    expect(eta!).toBeGreaterThan(100);
    expect(eta!).toBeLessThan(115);
  });

  it('withholds the ETA while the smoothed rate is still moving', () => {
    const smoother = new EtaSmoother({ settleUpdates: 3, alpha: 0.9, tolerance: 0.05 });
    const etas = feed(smoother, [500, 1000, 1500, 2000, 2500], () => 10_000);
    expect(etas).toEqual([null, null, null, null, null]);
  });

  it('starts over after a reset, and ignores updates without a rate', () => {
    const smoother = new EtaSmoother({ settleUpdates: 2, alpha: 1, tolerance: 0.1 });
    feed(smoother, [100, 100], () => 1000);
    smoother.reset();
    expect(smoother.update(100, 10)).toBeNull();
    expect(smoother.update(null, null)).toBeNull();
    expect(smoother.update(0, 5)).toBeNull();
    expect(smoother.update(100, 10)).toBeCloseTo(10, 6);
  });
});
