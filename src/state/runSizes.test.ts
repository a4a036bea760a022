import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_CONFIG } from '../ml/config/runConfig';
import { initialAppState } from './appState';
import { estimateRunSeconds, matchingRunSize, RUN_SIZES, selectMeasuredSpeed, selectRunSpeed } from './runSizes';
import type { RunRecord } from './types';

describe('quick-start run sizes', () => {
  it('recognises the size the settings match, and a custom setup', () => {
    for (const size of RUN_SIZES) expect(matchingRunSize({ ...DEFAULT_RUN_CONFIG, ...size.settings })).toBe(size.id);
    expect(matchingRunSize({ ...DEFAULT_RUN_CONFIG, trainSize: 12_345 })).toBeNull();
  });

  it('prices trained examples fully and evaluated ones at a third', () => {
    // 900 trained ×2 epochs = 1,800; evaluated: 100 ×2 validation + 300 test = 500 → 166.7.
    const seconds = estimateRunSeconds({ trainSize: 1000, testSize: 300, epochs: 2, validationSplit: 0.1 }, 100);
    expect(seconds).toBeCloseTo((1800 + 500 / 3) / 100, 6);
  });

  it('takes the speed of the current run, else the last run that trained, else none', () => {
    const state = initialAppState({ config: DEFAULT_RUN_CONFIG, problems: [] });
    expect(selectMeasuredSpeed(state)).toBeNull();
    const run = { config: { ...DEFAULT_RUN_CONFIG, batchSize: 10 }, batches: Array.from({ length: 50 }, (_, i) => ({ step: i + 1, epoch: 0, loss: 1, accuracy: 0.5 })), seconds: 2 } as unknown as RunRecord;
    const empty = { ...run, batches: [], seconds: 1 } as RunRecord;
    expect(selectMeasuredSpeed({ ...state, runs: [run, empty] })).toBe(250);
    expect(selectMeasuredSpeed({ ...state, runs: [run], measuredSpeed: 900 })).toBe(900);
    // The engine's instantaneous rate swings with the machine's load: the prices never follow it.
    expect(selectMeasuredSpeed({ ...state, runs: [run], measuredSpeed: 900, training: { ...state.training, examplesPerSecond: 90 } })).toBe(900);
  });

  it('before any run, prices runs at the speed expected for this network on this backend; a measured one replaces it', () => {
    const state = initialAppState({ config: DEFAULT_RUN_CONFIG, problems: [] });
    expect(selectRunSpeed(state)).toBeNull(); // no backend yet
    const onWasm = { ...state, backend: { ...state.backend, active: 'wasm' as const } };
    const expected = selectRunSpeed(onWasm)!;
    expect(expected.measured).toBe(false);
    // The default CNN on WebAssembly: the budget's calibration, ~958 examples/s.
    expect(expected.examplesPerSecond).toBeGreaterThan(900);
    expect(expected.examplesPerSecond).toBeLessThan(1000);
    expect(selectRunSpeed({ ...onWasm, measuredSpeed: 700 })).toEqual({ examplesPerSecond: 700, measured: true });
  });
});
