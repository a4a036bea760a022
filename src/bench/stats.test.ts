import { describe, expect, it } from 'vitest';
import { intervals, median, quantile } from './stats';

describe('bench statistics', () => {
  it('computes medians, interpolated quantiles and intervals', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([0, 10], 0.95)).toBeCloseTo(9.5);
    expect(Number.isNaN(median([]))).toBe(true);
    expect(intervals([1, 4, 9])).toEqual([3, 5]);
  });
});
