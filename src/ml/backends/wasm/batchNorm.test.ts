import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isPerChannel } from './batchNorm';
import { expectClose, randomArray, runOn, switchBackend, wasmBackend, withAndWithoutSimd } from './testUtils';

interface Case {
  x: number[];
  stats: number[]; // shape of mean and variance
  offset: number[] | null;
  scale: number[] | null;
}

const CASES: Case[] = [
  // Fast path: per-channel statistics as a batch-norm layer passes them, with and without
  // offset and scale, rank 2 and rank 4.
  { x: [4, 5, 5, 6], stats: [6], offset: [6], scale: [6] },
  { x: [4, 5, 5, 6], stats: [1, 1, 1, 6], offset: null, scale: [1, 1, 1, 6] },
  { x: [7, 3], stats: [3], offset: [3], scale: null },
  { x: [2, 3, 3, 1], stats: [1], offset: [1], scale: [1] },
  // Channels a multiple of 4 (the SIMD kernel).
  { x: [3, 5, 5, 8], stats: [8], offset: [8], scale: [8] },
  { x: [6, 12], stats: [1, 12], offset: null, scale: null },
  // Built-in path: statistics that broadcast over other axes.
  { x: [4, 5, 6], stats: [5, 1], offset: null, scale: null },
  { x: [4, 6], stats: [4, 6], offset: [4, 6], scale: [4, 6] },
];

describe('FusedBatchNorm on wasm (wrapper)', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
  });

  it.each(CASES.map((c, i) => [i, c] as const))('matches cpu, case %i: %o', async (i, c) => {
    const xv = randomArray(c.x, 60 + i);
    const mv = randomArray(c.stats, 70 + i);
    const vv = randomArray(c.stats, 80 + i).map((v) => v * v + 0.1);
    const ov = c.offset && randomArray(c.offset, 90 + i);
    const sv = c.scale && randomArray(c.scale, 95 + i);
    const run = () =>
      tf.batchNorm(
        tf.tensor(xv, c.x),
        tf.tensor(mv, c.stats),
        tf.tensor(vv, c.stats),
        ov ? tf.tensor(ov, c.offset!) : undefined,
        sv ? tf.tensor(sv, c.scale!) : undefined,
        1e-3,
      );
    const ref = await runOn('cpu', run);
    await withAndWithoutSimd(async (path) => expectClose(await runOn('wasm', run), ref, 1e-5, path));
  });

  it('leaks no buffers', async () => {
    await switchBackend('wasm');
    const backend = wasmBackend();
    const x = tf.ones([2, 3, 4]);
    const stats = tf.ones([4]);
    const before = backend.numDataIds();
    tf.dispose(tf.batchNorm(x, stats, stats, stats, stats, 1e-3));
    expect(backend.numDataIds()).toBe(before);
    tf.dispose([x, stats]);
  });
});

describe('isPerChannel', () => {
  const info = (shape: number[], dtype: 'float32' | 'int32' = 'float32') => ({ dataId: {}, shape, dtype });
  it('accepts [C] and [1, …, 1, C] float32, and an absent input', () => {
    expect(isPerChannel(info([8]), 8)).toBe(true);
    expect(isPerChannel(info([1, 1, 1, 8]), 8)).toBe(true);
    expect(isPerChannel(undefined, 8)).toBe(true);
    expect(isPerChannel(info([2, 8]), 8)).toBe(false);
    expect(isPerChannel(info([8, 1]), 8)).toBe(false);
    expect(isPerChannel(info([8], 'int32'), 8)).toBe(false);
  });
});
