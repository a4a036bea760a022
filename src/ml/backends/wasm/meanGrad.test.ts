import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, randomArray, runOn, switchBackend, wasmBackend } from './testUtils';

describe('Mean gradient on wasm (block repeat for leading axes)', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
  });

  it.each([
    { shape: [4, 5, 5, 6], axis: [0, 1, 2], keepDims: false },
    { shape: [4, 5, 5, 6], axis: [0, 1, 2], keepDims: true },
    { shape: [7, 3], axis: 0, keepDims: false },
    // Not leading axes: tfjs-core's own gradient.
    { shape: [4, 5, 6], axis: [1, 2], keepDims: false },
    { shape: [4, 5, 6], axis: [0, 2], keepDims: true },
  ])('matches cpu for %o', async ({ shape, axis, keepDims }) => {
    const xv = randomArray(shape, 41);
    const run = () => {
      const x = tf.tensor(xv, shape);
      const w = tf.tidy(() => tf.mean(x, axis, keepDims).onesLike().mul(tf.scalar(1.7)).add(tf.range(0, tf.mean(x, axis, keepDims).size).reshape(tf.mean(x, axis, keepDims).shape)));
      return tf.grad((t: tf.Tensor) => tf.mean(t, axis, keepDims).mul(w).sum())(x);
    };
    const ref = await runOn('cpu', run);
    expectClose(await runOn('wasm', run), ref, 1e-6);
  });

  it('repeats dy / N for leading axes instead of multiplying by a tensor of ones', async () => {
    await switchBackend('wasm');
    const x = tf.ones([4, 3, 2]);
    const { kernelNames } = await tf.profile(() => tf.dispose(tf.grad((t: tf.Tensor) => tf.mean(t, [0, 1]).sum())(x)));
    expect(kernelNames).toContain('Tile');
    expect(kernelNames).not.toContain('Fill');
    x.dispose();
  });

  it('leaks no buffers', async () => {
    await switchBackend('wasm');
    const backend = wasmBackend();
    const x = tf.ones([3, 4, 2]);
    const grad = () => tf.grad((t: tf.Tensor) => tf.mean(t, [0, 1]).sum())(x);
    tf.dispose(grad());
    const before = backend.numDataIds();
    tf.dispose(grad());
    expect(backend.numDataIds()).toBe(before);
    x.dispose();
  });
});
