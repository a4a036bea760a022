import '../../../test-support/relaxedSimd';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setFusedGemmAllowed } from './simd/gemmKernels';
import { expectClose, randomArray, runOn, switchBackend, wasmBackend, withAndWithoutSimd } from './testUtils';

interface Case {
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
}

// Batch-1 products with N a multiple of 8 take gemm.wat (operands transposed first where
// flagged); other transposed batch-1 products the wrapper's transpose + XNNPACK path; plain and
// batched ones go straight to the built-in kernel; each also without the SIMD kernels.
const CASES: Case[] = [];
for (const [transposeA, transposeB] of [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
]) {
  for (const [m, k, n] of [[13, 37, 9], [13, 37, 16]]) {
    const a = transposeA ? [k, m] : [m, k];
    const b = transposeB ? [n, k] : [k, n];
    CASES.push({ a, b, transposeA, transposeB });
    CASES.push({ a: [1, ...a], b: [1, ...b], transposeA, transposeB });
    CASES.push({ a: [3, ...a], b: [3, ...b], transposeA, transposeB });
    CASES.push({ a: [1, ...a], b, transposeA, transposeB });
  }
}
CASES.push({ a: [64, 1600], b: [1600, 128], transposeA: false, transposeB: false }); // Dense forward
CASES.push({ a: [64, 1600], b: [64, 128], transposeA: true, transposeB: false }); // Dense dW
CASES.push({ a: [64, 128], b: [1600, 128], transposeA: false, transposeB: true }); // Dense dx
CASES.push({ a: [1, 5], b: [7, 5], transposeA: false, transposeB: true });
CASES.push({ a: [5, 1], b: [5, 4], transposeA: true, transposeB: false });

describe('BatchMatMul on wasm (wrapper)', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
  });

  it.each(CASES.map((c, i) => [i, c] as const))('matches cpu, case %i: %o', async (i, c) => {
    const av = randomArray(c.a, 700 + i);
    const bv = randomArray(c.b, 800 + i);
    const run = () => tf.matMul(tf.tensor(av, c.a), tf.tensor(bv, c.b), c.transposeA, c.transposeB);
    const shape = await (async () => {
      await switchBackend('wasm');
      return tf.tidy(() => run().shape);
    })();
    await switchBackend('cpu');
    expect(tf.tidy(() => run().shape)).toEqual(shape);
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

  it('leaks no tensors or wasm buffers', async () => {
    await switchBackend('wasm');
    const backend = wasmBackend();
    const a = tf.randomNormal([20, 30]);
    const b = tf.randomNormal([20, 16]);
    tf.dispose(tf.matMul(a, b, true, false));
    const tensors = tf.memory().numTensors;
    const buffers = backend.numDataIds();
    for (const [ta, tb] of [[true, false], [false, true], [true, true]]) {
      const x = ta ? a : a.transpose();
      const y = tb ? b.transpose() : b;
      tf.dispose([tf.matMul(x, y, ta, tb), ...(ta ? [] : [x]), ...(tb ? [y] : [])]);
    }
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.numDataIds()).toBe(buffers);
    tf.dispose([a, b]);
  });
});
