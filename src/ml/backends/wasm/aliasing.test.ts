import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { castConfig, identityConfig } from './aliasing';
import { expectClose, randomArray, runOn, switchBackend, wasmBackend } from './testUtils';

describe('Identity and Cast on wasm share memory instead of copying', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
  });

  it('are registered', () => {
    expect(tf.getKernel('Identity', 'wasm')?.kernelFunc).toBe(identityConfig.kernelFunc);
    expect(tf.getKernel('Cast', 'wasm')?.kernelFunc).toBe(castConfig.kernelFunc);
  });

  it('clone and same-dtype cast give the same values; the copy outlives the original', async () => {
    await switchBackend('wasm');
    const backend = wasmBackend();
    const buffers = backend.numDataIds();
    const x = tf.tensor([1.5, -2, 3, 0], [2, 2]);
    const clone = x.clone();
    const cast = tf.cast(x, 'float32');
    expect(backend.numDataIds()).toBe(buffers + 1); // one buffer, three tensors
    x.dispose();
    expect(Array.from(clone.dataSync())).toEqual([1.5, -2, 3, 0]);
    clone.dispose();
    expect(cast.shape).toEqual([2, 2]);
    expect(Array.from(cast.dataSync())).toEqual([1.5, -2, 3, 0]);
    cast.dispose();
    expect(backend.numDataIds()).toBe(buffers);
  });

  it('casts between dtypes as before (built-in kernel)', async () => {
    const viaInt = () => tf.cast(tf.cast(tf.tensor([1.7, -2.2, 0, 3.9]), 'int32'), 'float32');
    expect(Array.from(await runOn('wasm', viaInt))).toEqual([1, -2, 0, 3]);
    const text = (await switchBackend('wasm'), tf.tensor(['a', 'b']));
    expect(text.clone().dataSync()).toEqual(['a', 'b']);
    tf.dispose(text);
  });

  it('gradients through ReLU (step, cast) still match the cpu backend', async () => {
    const xv = randomArray([4, 6], 3);
    const run = () => tf.grad((x: tf.Tensor) => tf.relu(x).square().sum())(tf.tensor(xv, [4, 6]));
    expectClose(await runOn('wasm', run), await runOn('cpu', run));
  });
});
