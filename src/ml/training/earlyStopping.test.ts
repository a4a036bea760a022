import { describe, expect, it } from 'vitest';
import { EarlyStoppingTracker } from './earlyStopping';

const run = (tracker: EarlyStoppingTracker, values: number[]) => values.map((v, epoch) => tracker.update(epoch, v));

describe('EarlyStoppingTracker', () => {
  it('losses: lower is better; stops after `patience` epochs without improvement', () => {
    const t = new EarlyStoppingTracker({ monitor: 'val_loss', patience: 2 });
    expect(run(t, [1.0, 0.8, 0.9, 0.8, 0.85])).toEqual(['improved', 'improved', 'waiting', 'stop', 'stop']);
    expect(t.bestEpoch).toBe(1);
    expect(t.bestValue).toBe(0.8);
  });

  it('accuracy: higher is better, and an improvement resets the wait', () => {
    const t = new EarlyStoppingTracker({ monitor: 'val_accuracy', patience: 2 });
    expect(run(t, [0.5, 0.4, 0.6, 0.6, 0.55])).toEqual(['improved', 'waiting', 'improved', 'waiting', 'stop']);
    expect(t.bestEpoch).toBe(2);
  });

  it('NaN (a diverged model) never counts as an improvement', () => {
    const t = new EarlyStoppingTracker({ monitor: 'loss', patience: 2 });
    expect(run(t, [NaN, 2, NaN, NaN])).toEqual(['waiting', 'improved', 'waiting', 'stop']);
  });
});
