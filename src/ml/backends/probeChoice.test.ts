/** The automatic backend's choice from faked probe timings. */
import { describe, expect, it } from 'vitest';
import { chooseByProbe, needsReprobe, type ProbeMeasurement } from './probeChoice';

const m = (backend: ProbeMeasurement['backend'], examplesPerSec: number | null, extra: Partial<ProbeMeasurement> = {}): ProbeMeasurement => ({ backend, examplesPerSec, software: false, note: null, ...extra });

describe('chooseByProbe', () => {
  it('picks the fastest and says why, fastest first', () => {
    expect(chooseByProbe([m('wasm', 1300), m('webgl', 3900)])).toEqual({ chosen: 'webgl', reason: 'WebGL 3,900 img/s, WASM 1,300: WebGL' });
    expect(chooseByProbe([m('wasm', 1300), m('webgl', 900), m('webgpu', 1100)]).chosen).toBe('wasm');
  });

  it('never picks a software renderer over WASM, however fast it measured', () => {
    const result = chooseByProbe([m('wasm', 1300), m('webgl', 5000, { software: true })]);
    expect(result.chosen).toBe('wasm');
    expect(result.reason).toBe('WebGL 5,000 img/s (software renderer, never chosen over WASM), WASM 1,300: WASM');
  });

  it('a software renderer may win when WASM could not be measured', () => {
    expect(chooseByProbe([m('wasm', null, { note: 'failed to start' }), m('webgl', 40, { software: true }), m('cpu', 10)]).chosen).toBe('webgl');
  });

  it('lists what was not measured, and chooses nothing when nothing was', () => {
    expect(chooseByProbe([m('wasm', 1300), m('webgpu', null, { note: 'not offered here' })]).reason).toBe('WASM 1,300 img/s (WebGPU: not offered here): WASM');
    expect(chooseByProbe([m('wasm', null, { note: 'failed' })])).toEqual({ chosen: null, reason: 'WASM: failed: no backend could be measured' });
    expect(chooseByProbe([m('wasm', 0), m('webgl', Number.NaN)]).chosen).toBeNull();
  });
});

describe('needsReprobe', () => {
  it('probes again when the work per image changes by a factor of 2 either way', () => {
    expect(needsReprobe(1e6, 1.5e6)).toBe(false);
    expect(needsReprobe(1e6, 0.6e6)).toBe(false);
    expect(needsReprobe(1e6, 2e6)).toBe(true);
    expect(needsReprobe(1e6, 0.5e6)).toBe(true);
    expect(needsReprobe(0, 1e6)).toBe(false);
  });
});
