import { describe, expect, it } from 'vitest';
import { allConfusedPairs, compareConfusedPairs, mostConfusedPairs, type ConfusedPair } from './confusedPairs';
import { confusionMatrixFromCounts } from './confusionMatrix';

// Off-diagonal totals, by hand:
//   {0,1}: 3 + 1 = 4 (max direction 3)   {0,2}: 0 + 0 = 0   {0,3}: 1 + 0 = 1
//   {1,2}: 2 + 2 = 4 (max direction 2)   {1,3}: 0 + 0 = 0   {2,3}: 4 + 0 = 4 (max direction 4)
// The big diagonal (class 3: 90) must never count as a confusion.
const cm = confusionMatrixFromCounts([
  [5, 3, 0, 1],
  [1, 6, 2, 0],
  [0, 2, 7, 4],
  [0, 0, 0, 90],
]);

const key = (p: ConfusedPair) => `${p.a}-${p.b}`;

describe('mostConfusedPairs', () => {
  it('ranks by total, then by the larger direction, skipping never-confused pairs', () => {
    expect(allConfusedPairs(cm).map(key)).toEqual(['2-3', '0-1', '1-2', '0-3']);
  });

  it('keeps both directions with a < b', () => {
    const [first, second] = mostConfusedPairs(cm, 2);
    expect(first).toEqual({ a: 2, b: 3, aPredictedAsB: 4, bPredictedAsA: 0, total: 4 });
    expect(second).toEqual({ a: 0, b: 1, aPredictedAsB: 3, bPredictedAsA: 1, total: 4 });
  });

  it('returns top-k, fewer when fewer pairs are confused', () => {
    expect(mostConfusedPairs(cm, 1).map(key)).toEqual(['2-3']);
    expect(mostConfusedPairs(cm, 0)).toEqual([]);
    expect(mostConfusedPairs(cm, 10).map(key)).toEqual(['2-3', '0-1', '1-2', '0-3']);
    expect(() => mostConfusedPairs(cm, -1)).toThrow(RangeError);
  });

  it('includeZero appends never-confused pairs in (a, b) order', () => {
    const keys = allConfusedPairs(cm, { includeZero: true }).map(key);
    expect(keys).toEqual(['2-3', '0-1', '1-2', '0-3', '0-2', '1-3']);
    expect(keys).toHaveLength((4 * 3) / 2);
  });

  it('a perfect classifier has no confused pairs', () => {
    const diag = confusionMatrixFromCounts([
      [4, 0],
      [0, 7],
    ]);
    expect(mostConfusedPairs(diag, 3)).toEqual([]);
  });

  it('breaks full ties by class indices', () => {
    const p = (a: number, b: number): ConfusedPair => ({ a, b, aPredictedAsB: 2, bPredictedAsA: 2, total: 4 });
    expect([p(1, 3), p(0, 4), p(1, 2)].sort(compareConfusedPairs).map(key)).toEqual(['0-4', '1-2', '1-3']);
  });
});
