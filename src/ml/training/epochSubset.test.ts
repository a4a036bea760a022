import { describe, expect, it } from 'vitest';
import { EPOCH_SUBSET_SIZE, epochSubsetSize } from './epochSubset';

describe('epochSubsetSize', () => {
  it('is the first 1,000 test images, or fewer when the run or the download has fewer', () => {
    expect(epochSubsetSize(10_000, 10_000)).toBe(EPOCH_SUBSET_SIZE);
    expect(epochSubsetSize(300, 10_000)).toBe(300);
    expect(epochSubsetSize(10_000, 500)).toBe(500);
    expect(epochSubsetSize(10_000, 0)).toBe(0);
  });
});
