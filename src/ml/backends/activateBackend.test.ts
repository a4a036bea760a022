/**
 * Which backend runs when the requested one cannot start. Node has no WebGL or WebGPU, so
 * stand-ins (plain CPU backends under those names) play the backends that do start; only
 * initialisation is exercised, no kernel runs on them.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activateBackend, type BackendPlatform } from './activateBackend';

const STAND_INS = ['webgl', 'wasm'] as const;

beforeEach(async () => {
  await tf.setBackend('cpu');
  const CpuBackend = tf.backend().constructor as new () => tf.KernelBackend;
  for (const name of STAND_INS) {
    if (tf.findBackendFactory(name)) tf.removeBackend(name);
    tf.registerBackend(name, () => new CpuBackend());
  }
});

afterEach(async () => {
  await tf.setBackend('cpu');
  for (const name of STAND_INS) tf.removeBackend(name);
});

const noWebGpu = (): Promise<void> => Promise.reject(new Error('this browser offers no WebGPU adapter.'));

describe('falling back from a backend that cannot start', () => {
  it('?backend=webgpu without WebGPU, WebGL software-rendered: WebAssembly, not software WebGL', async () => {
    const platform: BackendPlatform = { prepareWebGpu: noWebGpu, isSoftwareWebGl: () => true };
    const status = await activateBackend('webgpu', platform);
    expect(status.active).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(status.fallbackReason).toBe(
      'webgpu failed to start: this browser offers no WebGPU adapter. WebGL is software-rendered here (no usable GPU). WebAssembly trains faster on this machine, so it is used.',
    );
  });

  it('?backend=webgpu without WebGPU, WebGL on a real GPU: WebGL', async () => {
    const status = await activateBackend('webgpu', { prepareWebGpu: noWebGpu, isSoftwareWebGl: () => false });
    expect(status).toEqual({ requested: 'webgpu', active: 'webgl', fallbackReason: 'webgpu failed to start: this browser offers no WebGPU adapter. Using webgl instead.' });
  });

  it('software WebGL only when WebAssembly cannot start either', async () => {
    const platform: BackendPlatform = { prepareWebGpu: noWebGpu, prepareWasm: () => Promise.reject(new Error('blocked')), isSoftwareWebGl: () => true };
    const status = await activateBackend('webgpu', platform);
    expect(status.active).toBe('webgl');
    expect(status.fallbackReason).toMatch(/WebAssembly could not start either, so software WebGL is used\.$/);
  });

  it('?backend=wasm that cannot start: software WebGL beats the plain CPU backend', async () => {
    const status = await activateBackend('wasm', { prepareWasm: () => Promise.reject(new Error('blocked')), isSoftwareWebGl: () => true });
    expect(status).toEqual({ requested: 'wasm', active: 'webgl', fallbackReason: 'wasm failed to start: blocked WebGL is software-rendered here (no usable GPU). Using software WebGL instead.' });
  });

  it('a backend that starts is used as asked, and auto keeps its choice', async () => {
    expect(await activateBackend('webgl', { isSoftwareWebGl: () => true })).toEqual({ requested: 'webgl', active: 'webgl', fallbackReason: null });
    expect((await activateBackend('auto', { isSoftwareWebGl: () => true })).active).toBe('wasm');
    expect(await activateBackend('auto', { isSoftwareWebGl: () => false })).toEqual({ requested: 'auto', active: 'webgl', fallbackReason: null });
  });
});
