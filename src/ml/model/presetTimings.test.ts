import { describe, expect, it, vi } from 'vitest';

vi.mock('./presetTimings.json', () => ({
  default: {
    measuredOn: 'a 2-core CPU without a GPU (WebAssembly)',
    presets: {
      fast: {
        reached: { '88%': { trainSeconds: 61, wallSeconds: 70, epoch: 1 }, '90%': { trainSeconds: 95.4, wallSeconds: 110, epoch: 2 }, '91%': { trainSeconds: 148, wallSeconds: 170, epoch: 2 }, '92%': null },
        last: { epoch: 2, trainSeconds: 148, testAccuracy: 0.9112 },
        capped: false,
        examplesPerSecond: 730,
      },
      simple: {
        reached: { '88%': { trainSeconds: 120, wallSeconds: 125, epoch: 2 }, '90%': { trainSeconds: 206, wallSeconds: 216, epoch: 3 }, '91%': { trainSeconds: 206, wallSeconds: 216, epoch: 3 } },
        last: { epoch: 3, trainSeconds: 206, testAccuracy: 0.9119 },
        capped: false,
        examplesPerSecond: 787,
        date: '2026-12-01',
      },
      dropout: { reached: { '88%': { trainSeconds: 226, wallSeconds: 234, epoch: 3 }, '90%': null }, last: { epoch: 5, trainSeconds: 330, testAccuracy: 0.8905 }, capped: false, examplesPerSecond: 711 },
      vgg: { reached: { '88%': null, '90%': null }, last: { epoch: 0.6, trainSeconds: 360, testAccuracy: 0.83 }, capped: true, examplesPerSecond: 90 },
    },
  },
}));

const { describePresetTiming, presetTiming } = await import('./presetTimings');

describe('preset timings from the benchmark', () => {
  it('names the last two thresholds reached, with where it was measured and the final score', () => {
    expect(describePresetTiming('fast')).toBe(
      'Measured on a 2-core CPU without a GPU (WebAssembly): 90% test accuracy after 1 min 35 s of training, 91% after 2 min 28 s, ending at 91.1%.',
    );
  });

  it('gives a preset its own date, and reads two thresholds passed at once as one', () => {
    expect(describePresetTiming('simple')).toBe(
      'Measured on a 2-core CPU without a GPU (WebAssembly), 2026-12-01: 90% and 91% test accuracy after 3 min 26 s of training, ending at 91.2%.',
    );
  });

  it('gives the last score with its own time when it came after the last threshold', () => {
    expect(describePresetTiming('dropout')).toBe('Measured on a 2-core CPU without a GPU (WebAssembly): 88% test accuracy after 3 min 46 s of training; 89.0% after 5 min 30 s of training.');
  });

  it('says where the benchmark stopped a preset that reached no threshold', () => {
    expect(describePresetTiming('vgg')).toBe('Measured on a 2-core CPU without a GPU (WebAssembly): 83.0% after 6 min 0 s of training (where the benchmark stopped it).');
  });

  it('never writes 60 seconds', () => {
    expect(describePresetTiming('vgg')).toContain('6 min 0 s');
  });

  it('has nothing to say about a preset never measured', () => {
    expect(presetTiming('modern')).toBeNull();
    expect(describePresetTiming('modern')).toBeNull();
  });
});
