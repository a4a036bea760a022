/**
 * The automatic backend's probe in Node: stand-ins (the CPU backend and its kernels under the
 * names webgl and webgpu) take real training steps; WASM is played by a stand-in whose speed is
 * faked (the app's WASM kernels cannot run on a CPU stand-in), to check the software rule.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUTPUT_LAYER, SIMPLE_CNN, type ModelSpec } from '../ml/model/spec';
import { probeBackends, trainingFlops } from './backendProbe';

const STAND_INS = ['webgl', 'webgpu', 'wasm'] as const;
/** Small enough for the CPU backend: only the probe's plumbing is under test. */
const TINY: ModelSpec = { ...SIMPLE_CNN, layers: [{ type: 'flatten' }, { type: 'dense', units: 16, activation: 'relu' }, OUTPUT_LAYER] };
/** Kernels the app registers for the real backends, put back after each test. */
let saved: tf.KernelConfig[] = [];

beforeEach(async () => {
  await tf.setBackend('cpu');
  saved = STAND_INS.flatMap((name) => tf.getKernelsForBackend(name));
  for (const kernel of saved) tf.unregisterKernel(kernel.kernelName, kernel.backendName);
  const CpuBackend = tf.backend().constructor as new () => tf.KernelBackend;
  for (const name of STAND_INS) {
    if (tf.findBackendFactory(name)) tf.removeBackend(name);
    tf.registerBackend(name, () => new CpuBackend());
    for (const kernel of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...kernel, backendName: name });
  }
});

afterEach(async () => {
  await tf.setBackend('cpu');
  for (const name of STAND_INS) {
    for (const kernel of tf.getKernelsForBackend(name)) tf.unregisterKernel(kernel.kernelName, name);
    tf.removeBackend(name);
  }
  for (const kernel of saved) tf.registerKernel(kernel);
});

describe('probeBackends', () => {
  it('takes real training steps on each GPU backend offered and leaves the fastest active', async () => {
    const before = tf.memory().numTensors;
    const platform = { prepareWasm: () => Promise.reject(new Error('no WebAssembly')), prepareWebGpu: () => Promise.resolve(), isSoftwareWebGl: () => false, isSoftwareWebGpu: () => false };
    const probe = await probeBackends(TINY, 8, platform, 300);
    const byName = Object.fromEntries(probe.measurements.map((m) => [m.backend, m]));
    expect(byName.wasm).toMatchObject({ examplesPerSec: null, note: 'not offered here' });
    expect(byName.webgl.examplesPerSec).toBeGreaterThan(0);
    expect(byName.webgpu.examplesPerSec).toBeGreaterThan(0);
    const fastest = byName.webgl.examplesPerSec! > byName.webgpu.examplesPerSec! ? 'webgl' : 'webgpu';
    expect(probe.chosen).toBe(fastest);
    expect(tf.getBackend()).toBe(fastest);
    expect(probe.flopsPerExample).toBe(trainingFlops(TINY));
    // Its models and optimizers are gone.
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('never steps a software GPU once WASM is measured, and says why it chose', async () => {
    const stepped: string[] = [];
    const fake = (speeds: Record<string, number>) => async () => {
      stepped.push(tf.getBackend());
      return speeds[tf.getBackend()];
    };
    const software = { prepareWebGpu: () => Promise.resolve(), isSoftwareWebGl: () => true, isSoftwareWebGpu: () => false };
    const probe = await probeBackends(TINY, 8, software, 300, fake({ wasm: 1300, webgpu: 3900, webgl: 99999 }));
    expect(stepped).toEqual(['wasm', 'webgpu']);
    expect(probe.chosen).toBe('webgpu');
    expect(tf.getBackend()).toBe('webgpu');
    expect(probe.reason).toBe('WebGPU 3,900 img/s, WASM 1,300 (WebGL: software-rendered, not measured): WebGPU');
  });
});
