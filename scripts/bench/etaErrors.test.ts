import { describe, expect, it } from 'vitest';
import { etaErrors, parseShownDuration } from './etaErrors';

describe('parseShownDuration', () => {
  it('reads the control bar back into seconds', () => {
    expect(parseShownDuration('about 4 min 30 s left')).toBe(270);
    expect(parseShownDuration('about 6 min left')).toBe(360);
    expect(parseShownDuration('about 45 s left')).toBe(45);
    expect(parseShownDuration('about 1 h 5 min left')).toBe(3900);
    expect(parseShownDuration('ETA: measuring…')).toBeNull();
    expect(parseShownDuration('ETA –')).toBeNull();
  });
});

describe('etaErrors', () => {
  it('compares the shown ETA with the time really left at 10/50/90% of the run', () => {
    // A 100 s run whose ETA reads 20% high throughout.
    const samples = Array.from({ length: 100 }, (_, t) => ({ t, status: 'Training · epoch 1 of 5', eta: t < 3 ? null : 1.2 * (100 - t) }));
    samples.push({ t: 100, status: 'Finished: 5 of 5 epochs', eta: null });
    const result = etaErrors(samples);
    expect(result.totalSeconds).toBe(100);
    expect(result.at.map((a) => a.t)).toEqual([10, 50, 90]);
    for (const a of result.at) {
      expect(a.error).toBeCloseTo(0.2, 6);
      expect(a.meanError).toBeCloseTo(0.2, 6);
    }
  });

  it('needs a finished run', () => {
    expect(() => etaErrors([{ t: 1, status: 'Training', eta: 5 }])).toThrow(/did not finish/);
  });
});
