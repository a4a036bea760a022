import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomArray, runOn, switchBackend, wasmBackend, withAndWithoutSimd } from './testUtils';

const CASES: { shape: number[]; perm: number[]; dtype: 'float32' | 'int32' }[] = [
  // SIMD path: both sides multiples of 4 (a conv's dy as a matrix, a Dense kernel).
  { shape: [676, 32], perm: [1, 0], dtype: 'float32' },
  { shape: [4, 8], perm: [1, 0], dtype: 'float32' },
  { shape: [128, 1600], perm: [1, 0], dtype: 'float32' },
  // Built-in path: odd sides, other dtypes, higher ranks.
  { shape: [6, 10], perm: [1, 0], dtype: 'float32' },
  { shape: [8, 4], perm: [1, 0], dtype: 'int32' },
  { shape: [2, 4, 8], perm: [0, 2, 1], dtype: 'float32' },
];

describe('Transpose on wasm (wrapper)', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
  });

  it.each(CASES.map((c, i) => [i, c] as const))('matches cpu exactly, case %i: %o', async (i, c) => {
    const values = Array.from(randomArray(c.shape, 30 + i), (v) => (c.dtype === 'int32' ? Math.round(v * 10) : v));
    const run = () => tf.transpose(tf.tensor(values, c.shape, c.dtype), c.perm);
    const ref = Array.from(await runOn('cpu', run));
    await withAndWithoutSimd(async (path) => {
      const got = await runOn('wasm', run);
      expect(Array.from(got), path).toEqual(ref);
    });
  });

  it('leaks no tensors or wasm buffers', async () => {
    await switchBackend('wasm');
    const backend = wasmBackend();
    const x = tf.randomNormal([16, 8]);
    tf.dispose(tf.transpose(x));
    const tensors = tf.memory().numTensors;
    const buffers = backend.numDataIds();
    tf.dispose(tf.transpose(x));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.numDataIds()).toBe(buffers);
    x.dispose();
  });
});
