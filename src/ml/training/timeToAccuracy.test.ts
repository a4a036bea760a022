import { describe, expect, it } from 'vitest';
import { firstReached, thresholdLabel, type EpochScore } from './timeToAccuracy';

const score = (epoch: number, testAccuracy: number): EpochScore => ({ epoch, examples: epoch * 100, trainSeconds: epoch * 10, wallSeconds: epoch * 12, testAccuracy, testLoss: 1 - testAccuracy });

describe('firstReached', () => {
  it('gives the first score at or above each threshold, and null for one never reached', () => {
    const reached = firstReached([score(1, 0.87), score(2, 0.9), score(3, 0.905), score(4, 0.912), score(5, 0.925)]);
    expect(reached).toEqual({
      '90%': { trainSeconds: 20, wallSeconds: 24, epoch: 2 },
      '91%': { trainSeconds: 40, wallSeconds: 48, epoch: 4 },
      '92%': { trainSeconds: 50, wallSeconds: 60, epoch: 5 },
      '93%': null,
    });
  });

  it('keeps a threshold reached even if a later epoch dips below it', () => {
    expect(firstReached([score(1, 0.91), score(2, 0.89)], [0.9])).toEqual({ '90%': { trainSeconds: 10, wallSeconds: 12, epoch: 1 } });
  });

  it('reports nothing reached for a run with no scores', () => {
    expect(firstReached([], [0.5])).toEqual({ '50%': null });
  });

  it('labels thresholds as people write them', () => {
    expect([0.88, 0.9, 0.915].map(thresholdLabel)).toEqual(['88%', '90%', '91.5%']);
  });
});
