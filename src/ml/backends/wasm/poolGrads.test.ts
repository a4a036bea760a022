import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxPoolGradWasm } from './maxPoolGrad';
import { setSimdKernelsEnabled, simdKernels } from './simd/simdKernels';
import { expectClose, randomArray, runOn, switchBackend, wasmBackend } from './testUtils';

interface Case {
  x: [number, number, number, number]; // [N, H, W, C]
  pool: number | [number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid';
}

// Pool 2/3 (and non-square), strides 1/2, SAME/VALID, sizes with partial
// edge windows under SAME.
const CASES: Case[] = [];
for (const pool of [2, 3]) {
  for (const strides of [1, 2]) {
    for (const pad of ['same', 'valid'] as const) {
      CASES.push({ x: [2, 7, 7, 3], pool, strides, pad });
      CASES.push({ x: [2, 8, 6, 4], pool, strides, pad });
    }
  }
}
CASES.push({ x: [2, 9, 9, 2], pool: [3, 2], strides: [2, 1], pad: 'same' });
CASES.push({ x: [1, 26, 26, 8], pool: 2, strides: 2, pad: 'valid' });
// The SIMD kernel's shapes (2×2, stride 2, valid, channels a multiple of 4), odd sizes included.
CASES.push({ x: [3, 11, 11, 8], pool: 2, strides: 2, pad: 'valid' });
CASES.push({ x: [2, 5, 4, 12], pool: 2, strides: 2, pad: 'valid' });

/**
 * Gradient of sum(pool(x) * weights), i.e. MaxPoolGrad / AvgPoolGrad with a
 * random dy, through tf.grad as training does.
 */
function poolGrad(op: 'maxPool' | 'avgPool', c: Case, xv: Float32Array, transform: (x: tf.Tensor) => tf.Tensor) {
  return () => {
    const x = transform(tf.tensor4d(xv, c.x));
    const y = tf[op](x as tf.Tensor4D, c.pool, c.strides, c.pad);
    const weights = tf.tensor(randomArray(y.shape, 99), y.shape);
    return tf.grad((t: tf.Tensor) => tf[op](t as tf.Tensor4D, c.pool, c.strides, c.pad).mul(weights).sum())(x as tf.Tensor4D);
  };
}

// Inputs: plain normals (windows with only negative values break the built-in
// wasm MaxPoolGrad), relu'd normals (ties at 0) and rounded values (ties).
const INPUTS: [string, (x: tf.Tensor) => tf.Tensor][] = [
  ['normal', (x) => x],
  ['relu', (x) => tf.relu(x)],
  ['rounded', (x) => tf.round(x.mul(2))],
  ['all negative', (x) => tf.abs(x).neg().sub(0.1)],
  // A few NaN and -Infinity values: the SIMD kernel hands those tensors to the scalar scan.
  ['NaN and -Infinity', (x) => tf.where(tf.greater(x, 2), tf.fill(x.shape, NaN), tf.where(tf.less(x, -2), tf.fill(x.shape, -Infinity), x))],
];

describe('MaxPoolGrad on wasm (replacement)', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
  });

  it('has the SIMD kernels in this runtime (so the cases below test them)', async () => {
    await switchBackend('wasm');
    expect(simdKernels(wasmBackend())).not.toBeNull();
  });

  it.each(CASES.map((c, i) => [i, c] as const))('matches cpu, with and without SIMD, case %i: %o', async (i, c) => {
    const xv = randomArray(c.x, 500 + i);
    for (const [label, transform] of INPUTS) {
      const run = poolGrad('maxPool', c, xv, transform);
      const ref = await runOn('cpu', run);
      expectClose(await runOn('wasm', run), ref, 1e-6, label);
      setSimdKernelsEnabled(false);
      try {
        expectClose(await runOn('wasm', run), ref, 1e-6, `${label}, JavaScript`);
      } finally {
        setSimdKernelsEnabled(true);
      }
    }
  });

  it('leaks no tensors or wasm buffers', async () => {
    await switchBackend('wasm');
    const backend = wasmBackend();
    const x = tf.randomNormal([2, 8, 8, 4]);
    const y = tf.maxPool(x as tf.Tensor4D, 2, 2, 'same');
    const dy = tf.randomNormal(y.shape);
    const attrs = { filterSize: 2, strides: 2, pad: 'same' as const };
    const tensors = tf.memory().numTensors;
    const buffers = backend.numDataIds();
    backend.disposeData(maxPoolGradWasm({ inputs: { dy, input: x, output: y }, backend, attrs }).dataId);
    tf.dispose(tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output: y }, attrs));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.numDataIds()).toBe(buffers);
    tf.dispose([x, y, dy]);
  });
});

describe('AvgPoolGrad on wasm (built-in, kept)', () => {
  it.each(CASES.map((c, i) => [i, c] as const))('matches cpu, case %i: %o', async (i, c) => {
    const run = poolGrad('avgPool', c, randomArray(c.x, 600 + i), (x) => x);
    expectClose(await runOn('wasm', run), await runOn('cpu', run), 1e-5);
  });
});
