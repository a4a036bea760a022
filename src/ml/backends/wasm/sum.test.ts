import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { leadingAxesCount, sumRows } from './sum';
import { expectClose, randomArray, runOn, switchBackend, wasmBackend, withAndWithoutSimd } from './testUtils';

interface Case {
  shape: number[];
  axis: number | number[];
  keepDims: boolean;
}

const CASES: Case[] = [
  // Fast path: the leading axes (bias gradients of conv and dense layers).
  { shape: [64, 26, 26, 32], axis: [0, 1, 2], keepDims: false },
  { shape: [64, 11, 11, 64], axis: [0, 1, 2], keepDims: false },
  { shape: [64, 128], axis: 0, keepDims: false },
  { shape: [5, 7, 3], axis: [1, 0], keepDims: true },
  { shape: [4, 6, 2], axis: [-3, -2], keepDims: false },
  // Built-in path: all axes, trailing or middle axes.
  { shape: [5, 7, 3], axis: [0, 1, 2], keepDims: false },
  { shape: [5, 7, 3], axis: 2, keepDims: false },
  { shape: [5, 7, 3], axis: [0, 2], keepDims: true },
];

describe('Sum on wasm (wrapper)', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
  });

  it.each(CASES.map((c, i) => [i, c] as const))('matches cpu, case %i: %o', async (i, c) => {
    const values = randomArray(c.shape, 900 + i);
    const run = () => tf.sum(tf.tensor(values, c.shape), c.axis, c.keepDims);
    const ref = await runOn('cpu', run);
    await switchBackend('wasm');
    await withAndWithoutSimd(async (path) => {
      const got = tf.tidy(run);
      const shape = tf.tidy(() => tf.sum(tf.zeros(c.shape), c.axis, c.keepDims).shape);
      expect(got.shape).toEqual(shape);
      expectClose(got.dataSync(), ref, 1e-4, `case ${i}, ${path}`);
      got.dispose();
    });
  });

  it('leaves int32 sums to the built-in kernel, and leaks no buffers', async () => {
    await switchBackend('wasm');
    const backend = wasmBackend();
    const x = tf.ones([8, 4, 3]);
    const ints = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32');
    const both = () => tf.tidy(() => [tf.sum(x, [0, 1]).dataSync(), tf.sum(ints, 0).dataSync()]);
    expect(both().map((v) => Array.from(v))).toEqual([[32, 32, 32], [9, 12]]);
    const before = backend.numDataIds(); // after a first call: the engine caches a constant on first use
    both();
    both();
    expect(backend.numDataIds()).toBe(before);
    tf.dispose([x, ints]);
  });
});

describe('Mean on wasm (wrapper)', () => {
  it.each(CASES.map((c, i) => [i, c] as const))('matches cpu, case %i: %o', async (i, c) => {
    const values = randomArray(c.shape, 950 + i);
    const run = () => tf.mean(tf.tensor(values, c.shape), c.axis, c.keepDims);
    const ref = await runOn('cpu', run);
    await switchBackend('wasm');
    await withAndWithoutSimd(async (path) => {
      const got = tf.tidy(run);
      expect(got.shape).toEqual(tf.tidy(() => tf.mean(tf.zeros(c.shape), c.axis, c.keepDims).shape));
      expectClose(got.dataSync(), ref, 1e-5, `case ${i}, ${path}`);
      got.dispose();
    });
  });

  it('batch-norm moments and their gradient match cpu, leaking no buffers', async () => {
    const values = randomArray([6, 5, 5, 3], 77);
    const run = () =>
      tf.grad((x: tf.Tensor) => {
        const { mean, variance } = tf.moments(x, [0, 1, 2]);
        return tf.batchNorm(x, mean, variance, tf.zeros([3]), tf.tensor1d([1.5, 0.5, 2]), 1e-3).square().sum();
      })(tf.tensor(values, [6, 5, 5, 3]));
    const ref = await runOn('cpu', run);
    expectClose(await runOn('wasm', run), ref, 1e-4);
    const backend = wasmBackend();
    tf.dispose(tf.tidy(run));
    const before = backend.numDataIds();
    tf.dispose(tf.tidy(run));
    tf.dispose(tf.tidy(run));
    expect(backend.numDataIds()).toBe(before);
  });
});

describe('leadingAxesCount', () => {
  it('recognises exactly the leading axes, in any order and sign', () => {
    expect(leadingAxesCount([0, 1, 2], [2, 3, 4, 5])).toBe(3);
    expect(leadingAxesCount([1, 0], [2, 3, 4])).toBe(2);
    expect(leadingAxesCount([-3, -2], [2, 3, 4])).toBe(2);
    expect(leadingAxesCount(0, [2, 3])).toBe(1);
    expect(leadingAxesCount([0, 2], [2, 3, 4])).toBeNull();
    expect(leadingAxesCount([0, 1, 2], [2, 3, 4])).toBeNull(); // every axis: the built-in does it
    expect(leadingAxesCount([1], [2, 3])).toBeNull();
  });
});

describe('sumRows', () => {
  it('sums each column over any number of rows (blocks of eight and the rest)', () => {
    for (const rows of [0, 1, 7, 8, 9, 16, 17, 23]) {
      const cols = 3;
      const values = Float32Array.from({ length: rows * cols }, (_, i) => ((i * 37) % 11) - 5 + i / 7);
      const expected = [0, 1, 2].map((c) => {
        let s = 0;
        for (let r = 0; r < rows; r++) s += values[r * cols + c];
        return s;
      });
      expect(Array.from(sumRows(values, rows, cols))).toEqual(expected.map((e) => expect.closeTo(e, 9)));
    }
  });
});
