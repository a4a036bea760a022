import { describe, expect, it } from 'vitest';
import { smoothed } from './smoothing';

describe('the smoothed curve', () => {
  it('starts at the first value and follows the trend with less noise', () => {
    const noisy = Array.from({ length: 200 }, (_, i) => 2 - i / 200 + (i % 2 === 0 ? 0.3 : -0.3));
    const s = smoothed(noisy);
    expect(s[0]).toBeCloseTo(noisy[0], 10);
    const wiggle = (xs: number[]) => xs.slice(1).reduce((sum, x, i) => sum + Math.abs(x - xs[i]), 0);
    expect(wiggle(s.slice(50))).toBeLessThan(wiggle(noisy.slice(50)) / 5);
    expect(s.at(-1)!).toBeCloseTo(1.05, 1);
  });
});
