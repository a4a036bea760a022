import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RELU_GRAD } from './reluGrad';
import { setSimdKernelsEnabled } from './simd/simdKernels';
import { expectClose, randomArray, runOn, switchBackend } from './testUtils';

async function kernelNames(fn: () => tf.Tensor): Promise<string[]> {
  const profile = await tf.profile(() => tf.tidy(fn));
  tf.dispose(profile.result as tf.Tensor);
  return profile.kernels.map((k) => k.name);
}

describe('Relu gradient on wasm (one SIMD pass)', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
  });

  // Sizes with and without a tail after the last group of four.
  it.each([[[4, 6, 6, 3]], [[5, 7]], [[1]], [[2, 8]]])('matches cpu for shape %j, zeros included', async (shape) => {
    const xv = randomArray(shape, 7);
    xv[0] = 0; // step(0) = 0: no gradient at the kink
    const wv = randomArray(shape, 8);
    const run = () => {
      const w = tf.tensor(wv, shape);
      return tf.grad((t: tf.Tensor) => tf.relu(t).mul(w).sum())(tf.tensor(xv, shape));
    };
    const ref = await runOn('cpu', run);
    expect(Math.abs(ref[0])).toBe(0);
    expectClose(await runOn('wasm', run), ref, 0);
  });

  it('takes the fused kernel instead of Step and Multiply, and frees what it makes', async () => {
    await switchBackend('wasm');
    const x = tf.tensor([-1, 2, 0, 3, 5]);
    const before = tf.memory().numTensors;
    const names = await kernelNames(() => tf.grad((t: tf.Tensor) => tf.relu(t).sum())(x));
    expect(names).toContain(RELU_GRAD);
    expect(names).not.toContain('Step');
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it("falls back to tfjs-core's gradient without the SIMD kernels", async () => {
    await switchBackend('wasm');
    const x = tf.tensor([-1, 2, 0, 3]);
    setSimdKernelsEnabled(false);
    try {
      const names = await kernelNames(() => tf.grad((t: tf.Tensor) => tf.relu(t).sum())(x));
      expect(names).toContain('Step');
      expect(names).not.toContain(RELU_GRAD);
    } finally {
      setSimdKernelsEnabled(true);
      x.dispose();
    }
  });
});
