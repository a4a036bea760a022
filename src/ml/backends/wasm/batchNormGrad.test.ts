import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, randomArray, runOn, switchBackend, wasmBackend, withAndWithoutSimd } from './testUtils';

/** d/d(x, mean, variance, offset, scale) of Σ batchNorm(x, …)·w, per-channel statistics. */
function gradsOf(xShape: number[], c: number, seed: number) {
  const xv = randomArray(xShape, seed);
  const mv = randomArray([c], seed + 1);
  const vv = randomArray([c], seed + 2).map((v) => v * v + 0.2);
  const ov = randomArray([c], seed + 3);
  const sv = randomArray([c], seed + 4);
  const wv = randomArray(xShape, seed + 5);
  return () => {
    const w = tf.tensor(wv, xShape);
    const f = (x: tf.Tensor, mean: tf.Tensor, variance: tf.Tensor, offset: tf.Tensor, scale?: tf.Tensor) =>
      tf.batchNorm(x, mean, variance, offset, scale, 1e-3).mul(w).sum();
    const inputs = [tf.tensor(xv, xShape), tf.tensor1d(mv), tf.tensor1d(vv), tf.tensor1d(ov)];
    const grads = tf.grads(f as (...args: tf.Tensor[]) => tf.Tensor)([...inputs, tf.tensor1d(sv)]);
    return tf.concat(grads.map((g) => g.flatten()));
  };
}

describe('FusedBatchNorm gradient on wasm (one pass)', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
  });

  it.each([
    // Always with a scale: without one tfjs-core itself cannot take this gradient (it
    // saves the missing input for the backward pass), so neither path is reached.
    [[4, 5, 5, 6], 6],
    [[3, 4, 4, 8], 8],
    [[9, 3], 3],
    [[2, 3, 3, 1], 1],
  ] as const)('matches cpu for x %o, %i channels', async (xShape, c) => {
    const run = gradsOf([...xShape], c, 300 + c);
    const ref = await runOn('cpu', run);
    await withAndWithoutSimd(async (path) => expectClose(await runOn('wasm', run), ref, 1e-4, path));
  });

  // The moments + batch-norm chain against cpu, with its leak check, is in sum.test.ts.
  it('takes the one-pass kernel on wasm, leaking no buffers', async () => {
    await switchBackend('wasm');
    const run = gradsOf([4, 5, 5, 6], 6, 300);
    const { kernelNames } = await tf.profile(() => tf.dispose(tf.tidy(run)));
    expect(kernelNames).toContain('FashionPlaygroundBatchNormGrad');
    expect(kernelNames).not.toContain('Tile');
    const backend = wasmBackend();
    const before = backend.numDataIds();
    tf.dispose(tf.tidy(run));
    expect(backend.numDataIds()).toBe(before);
  });
});
