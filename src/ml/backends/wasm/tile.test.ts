import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { blockRepeats } from './tile';
import { randomArray, runOn, switchBackend, wasmBackend } from './testUtils';

const CASES: { shape: number[]; reps: number[]; dtype: 'float32' | 'int32' }[] = [
  // Fast path: block repeats (the batch-norm gradient's broadcast), odd counts, one repeat.
  { shape: [1, 1, 1, 32], reps: [64, 26, 26, 1], dtype: 'float32' },
  { shape: [1, 3], reps: [7, 1], dtype: 'float32' },
  { shape: [1, 1, 2, 3], reps: [5, 3, 1, 1], dtype: 'int32' },
  { shape: [4, 2], reps: [1, 1], dtype: 'float32' },
  { shape: [1, 0], reps: [3, 1], dtype: 'float32' },
  // Built-in path: repeats of inner axes.
  { shape: [2, 3], reps: [2, 2], dtype: 'float32' },
  { shape: [1, 1, 3], reps: [2, 1, 2], dtype: 'int32' },
];

describe('Tile on wasm (wrapper)', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
  });

  it.each(CASES.map((c, i) => [i, c] as const))('matches cpu exactly, case %i: %o', async (i, c) => {
    const values = Array.from(randomArray(c.shape, 40 + i), (v) => (c.dtype === 'int32' ? Math.round(v * 10) : v));
    const run = () => tf.tile(tf.tensor(values, c.shape, c.dtype), c.reps);
    const ref = await runOn('cpu', run);
    const got = await runOn('wasm', run);
    expect(Array.from(got)).toEqual(Array.from(ref));
  });

  it('leaks no buffers', async () => {
    await switchBackend('wasm');
    const backend = wasmBackend();
    const x = tf.ones([1, 1, 4]);
    const before = backend.numDataIds();
    tf.dispose(tf.tile(x, [3, 5, 1]));
    expect(backend.numDataIds()).toBe(before);
    x.dispose();
  });
});

describe('blockRepeats', () => {
  it('counts repeats of the whole block, or null', () => {
    expect(blockRepeats([1, 1, 1, 32], [64, 26, 26, 1])).toBe(64 * 26 * 26);
    expect(blockRepeats([3, 4], [1, 1])).toBe(1);
    expect(blockRepeats([1, 4], [2, 2])).toBeNull();
    expect(blockRepeats([2, 4], [2, 1])).toBeNull();
    expect(blockRepeats([1, 4], [2])).toBeNull();
  });
});
