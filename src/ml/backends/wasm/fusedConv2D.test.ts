import '../../../test-support/relaxedSimd';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setFusedGemmAllowed } from './simd/gemmKernels';
import { expectClose, randomArray, runOn, switchBackend, wasmBackend, withAndWithoutSimd } from './testUtils';

interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same';
  bias: boolean;
  activation: 'linear' | 'relu';
}

const CASES: Case[] = [
  // gemm.wat: no padding, Co a multiple of 8, filter rows of ≥ 16 values.
  { x: [3, 13, 13, 32], filter: [3, 3, 32, 64], strides: 1, pad: 'valid', bias: true, activation: 'relu' },
  { x: [2, 9, 10, 8], filter: [3, 2, 8, 16], strides: [2, 1], pad: 'valid', bias: true, activation: 'linear' },
  { x: [2, 7, 7, 16], filter: [1, 1, 16, 8], strides: 2, pad: 'valid', bias: false, activation: 'relu' },
  { x: [1, 5, 6, 6], filter: [5, 3, 6, 24], strides: 1, pad: 'valid', bias: false, activation: 'linear' },
  // The built-in kernel: padding, Co not a multiple of 8, short filter rows.
  { x: [2, 8, 8, 8], filter: [3, 3, 8, 16], strides: 1, pad: 'same', bias: true, activation: 'relu' },
  { x: [2, 8, 8, 8], filter: [3, 3, 8, 12], strides: 1, pad: 'valid', bias: true, activation: 'relu' },
  { x: [2, 10, 10, 1], filter: [3, 3, 1, 32], strides: 1, pad: 'valid', bias: true, activation: 'relu' },
];

describe('FusedConv2D on wasm (wrapper)', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
  });

  it.each(CASES.map((c, i) => [i, c] as const))('matches cpu, case %i: %o', async (i, c) => {
    const xv = randomArray(c.x, 50 + i);
    const wv = randomArray(c.filter, 60 + i);
    const bv = randomArray([c.filter[3]], 70 + i);
    const run = () =>
      tf.fused.conv2d({
        x: tf.tensor4d(xv, c.x),
        filter: tf.tensor4d(wv, c.filter),
        strides: c.strides,
        pad: c.pad,
        bias: c.bias ? tf.tensor1d(bv) : undefined,
        activation: c.activation,
      });
    const ref = await runOn('cpu', run);
    await withAndWithoutSimd(async (path) => {
      expectClose(await runOn('wasm', run), ref, 1e-5, `${path} fused`);
      setFusedGemmAllowed(false);
      try {
        expectClose(await runOn('wasm', run), ref, 1e-5, `${path} unfused`);
      } finally {
        setFusedGemmAllowed(true);
      }
    });
  });

  it('keeps the output shape, and leaks no tensors or buffers', async () => {
    await switchBackend('wasm');
    const backend = wasmBackend();
    const x = tf.randomNormal([2, 6, 6, 16]);
    const filter = tf.randomNormal([3, 3, 16, 8]);
    const bias = tf.randomNormal([8]);
    const run = () => tf.fused.conv2d({ x: x as tf.Tensor4D, filter: filter as tf.Tensor4D, strides: 1, pad: 'valid', bias, activation: 'relu' });
    tf.dispose(run());
    const tensors = tf.memory().numTensors;
    const buffers = backend.numDataIds();
    const y = run();
    expect(y.shape).toEqual([2, 4, 4, 8]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.numDataIds()).toBe(buffers);
    tf.dispose([x, filter, bias]);
  });
});
