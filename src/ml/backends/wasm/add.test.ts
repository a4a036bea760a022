import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, randomArray, runOn, switchBackend, wasmBackend, withAndWithoutSimd } from './testUtils';

const CASES: { a: number[]; b: number[] }[] = [
  // SIMD path: a bias over the last axis, in either order.
  { a: [4, 6, 6, 32], b: [32] },
  { a: [8], b: [5, 8] },
  { a: [3, 12], b: [12] },
  // Built-in path: channels not a multiple of 4, same shapes, other broadcasts.
  { a: [4, 10], b: [10] },
  { a: [3, 8], b: [3, 8] },
  { a: [3, 1], b: [3, 4] },
  { a: [4, 8], b: [] },
];

describe('Add on wasm (wrapper)', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
  });

  it.each(CASES.map((c, i) => [i, c] as const))('matches cpu, case %i: %o', async (i, c) => {
    const av = randomArray(c.a, 20 + i);
    const bv = randomArray(c.b, 25 + i);
    const run = () => tf.add(tf.tensor(av, c.a), tf.tensor(bv, c.b));
    const ref = await runOn('cpu', run);
    await withAndWithoutSimd(async (path) => expectClose(await runOn('wasm', run), ref, 1e-6, path));
  });

  it('keeps the output shape and dtype, and leaks no tensors or buffers', async () => {
    await switchBackend('wasm');
    const backend = wasmBackend();
    const x = tf.randomNormal([2, 3, 3, 8]);
    const b = tf.randomNormal([8]);
    tf.dispose(tf.add(x, b));
    const tensors = tf.memory().numTensors;
    const buffers = backend.numDataIds();
    const y = tf.add(b, x);
    expect(y.shape).toEqual([2, 3, 3, 8]);
    expect(y.dtype).toBe('float32');
    y.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.numDataIds()).toBe(buffers);
    tf.dispose([x, b]);
  });
});
