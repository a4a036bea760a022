import { describe, expect, it } from 'vitest';
import { SplitChooser } from './splitChooser';

/** Runs `calls` calls of `key` whose split / one-thread times `time` gives; returns how many split. */
function run(chooser: SplitChooser, key: string, calls: number, time: (split: boolean) => number): number {
  let splits = 0;
  for (let i = 0; i < calls; i++) {
    const split = chooser.choose(key);
    if (split) splits++;
    chooser.record(key, split, time(split));
  }
  return splits;
}

describe('SplitChooser', () => {
  it('tries split, then one thread, then keeps the faster, exploring the other every 16th call', () => {
    const chooser = new SplitChooser();
    // A quiet machine: split takes 6 ms, one thread 10.
    expect(run(chooser, 'conv', 64, (split) => (split ? 6 : 10))).toBe(64 - 1 - 4);
    // A busy machine: split now takes 14 ms; the explorations see it and one thread takes over.
    const busy = run(chooser, 'conv', 64, (split) => (split ? 14 : 10));
    expect(busy).toBeLessThan(16);
    expect(run(chooser, 'conv', 64, (split) => (split ? 14 : 10))).toBe(4);
    // Quiet again: back to split within a few explorations.
    run(chooser, 'conv', 96, (split) => (split ? 6 : 10));
    expect(run(chooser, 'conv', 32, (split) => (split ? 6 : 10))).toBe(30);
  });

  it('keeps each kernel shape apart', () => {
    const chooser = new SplitChooser();
    run(chooser, 'big', 20, (split) => (split ? 5 : 10));
    run(chooser, 'small', 20, (split) => (split ? 1 : 0.5));
    expect(chooser.choose('big')).toBe(true);
    expect(chooser.choose('small')).toBe(false);
    const summary = chooser.summary();
    expect(summary.big[0]).toBeCloseTo(5);
    expect(summary.small[1]).toBeCloseTo(0.5);
  });
});
