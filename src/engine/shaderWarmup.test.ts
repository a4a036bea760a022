import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { warmUpTrainingStep } from '../ml/training/warmup';
import { trainConfigFor } from '../ml/config/trainConfig';
import { TINY_CNN, TINY_CONFIG } from '../test-support/engineHarness';
import { ShaderWarmup } from './shaderWarmup';

describe('the shader warm-up', () => {
  it('trains a step of a throw-away copy and leaves no tensor and no variable behind', async () => {
    await tf.setBackend('cpu');
    const kernels: string[] = [];
    const engine = tf.engine() as unknown as { runKernel: (name: string, ...rest: unknown[]) => unknown };
    const runKernel = engine.runKernel;
    const before = { tensors: tf.memory().numTensors, variables: Object.keys(tf.engine().registeredVariables).length };
    engine.runKernel = function (this: unknown, name: string, ...rest: unknown[]) {
      kernels.push(name);
      return runKernel.call(this, name, ...rest);
    };
    try {
      await warmUpTrainingStep(TINY_CNN, trainConfigFor(TINY_CONFIG, TINY_CNN));
    } finally {
      engine.runKernel = runKernel;
    }
    // One optimizer step: the convolution's filter gradient once.
    expect(kernels.filter((k) => k === 'Conv2DBackpropFilter' || k === 'FashionPlaygroundConvReluFilterGrad')).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(before.tensors);
    expect(Object.keys(tf.engine().registeredVariables)).toHaveLength(before.variables);
  });

  it('runs on WebGL and WebGPU only: on cpu and wasm there is nothing to compile', async () => {
    const warmup = new ShaderWarmup();
    warmup.start('cpu', TINY_CNN, TINY_CONFIG);
    warmup.start('wasm', TINY_CNN, TINY_CONFIG);
    expect(warmup.running).toBe(false);
    await expect(warmup.whenDone()).resolves.toBeNull();
    // Asked for a GPU backend that is not the active one (it changed meanwhile): nothing runs.
    await tf.setBackend('cpu');
    warmup.start('webgl', TINY_CNN, TINY_CONFIG);
    expect(warmup.running).toBe(true);
    await expect(warmup.whenDone()).resolves.toBeNull();
    expect(warmup.running).toBe(false);
  });

  it('stops being waited for when the GPU is lost (a read-back on a lost context may never return)', async () => {
    const warmup = new ShaderWarmup();
    let release = () => {};
    // A warm-up stuck behind a read-back that never returns, played by a gate that stays shut.
    (warmup as unknown as { current: Promise<unknown> }).current = new Promise<void>((resolve) => (release = resolve)).then(() => null);
    warmup.start('webgl', TINY_CNN, TINY_CONFIG);
    expect(warmup.running).toBe(true);
    warmup.abandon();
    expect(warmup.running).toBe(false);
    await expect(warmup.whenDone()).resolves.toBeNull();
    release();
  });
});
