import '../../../../test-support/relaxedSimd';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, randomArray, runOn, switchBackend, wasmBackend } from '../testUtils';
import { GEMM_ACCUMULATE, GEMM_BIAS, GEMM_ZERO, gemmKernels, setFusedGemmAllowed } from './gemmKernels';
import { pointerOf, setSimdKernelsEnabled } from './simdKernels';

interface Case {
  m: number;
  n: number;
  k: number;
  /** Row strides of A, B and C in floats (≥ k, n, n): strided views into larger buffers. */
  lda: number;
  ldb: number;
  ldc: number;
}

// Rows not a multiple of the 4-row tile (1, 2, 3 left over), one column panel and several,
// k of 1 and long, strided operands.
const CASES: Case[] = [
  { m: 1, n: 8, k: 1, lda: 1, ldb: 8, ldc: 8 },
  { m: 5, n: 16, k: 7, lda: 7, ldb: 16, ldc: 16 },
  { m: 11, n: 32, k: 64, lda: 64, ldb: 32, ldc: 32 },
  { m: 6, n: 24, k: 9, lda: 13, ldb: 40, ldc: 29 },
  { m: 64, n: 64, k: 300, lda: 300, ldb: 64, ldc: 64 },
];

/** Values of the strided [rows, cols] view with row stride `ld` of a flat buffer. */
function view(flat: Float32Array, rows: number, cols: number, ld: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) out.set(flat.subarray(r * ld, r * ld + cols), r * cols);
  return out;
}

describe('gemm.wat on the wasm backend', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
  });

  it('is there with fused multiply-adds (relaxed SIMD) and without; not with the SIMD kernels off', () => {
    const backend = wasmBackend();
    expect(gemmKernels(backend)?.fused).toBe(true);
    setFusedGemmAllowed(false);
    setSimdKernelsEnabled(false);
    try {
      expect(gemmKernels(backend)).toBeNull();
      setSimdKernelsEnabled(true);
      expect(gemmKernels(backend)?.fused).toBe(false);
    } finally {
      setFusedGemmAllowed(true);
      setSimdKernelsEnabled(true);
    }
  });

  it.each(CASES.map((c, i) => [i, c] as const))('matches the cpu backend, case %i: %o', async (i, c) => {
    const aFlat = randomArray([c.m * c.lda], 10 + i);
    const bFlat = randomArray([c.k * c.ldb], 20 + i);
    const cFlat = randomArray([c.m * c.ldc], 30 + i);
    const bias = randomArray([c.n], 40 + i);
    const a = view(aFlat, c.m, c.k, c.lda);
    const b = view(bFlat, c.k, c.n, c.ldb);
    const c0 = view(cFlat, c.m, c.n, c.ldc);
    const product = () => tf.matMul(tf.tensor2d(a, [c.m, c.k]), tf.tensor2d(b, [c.k, c.n]));
    const refs: [number, string, () => tf.Tensor][] = [
      [GEMM_ZERO, 'A·B', product],
      [GEMM_ACCUMULATE, 'C + A·B', () => tf.add(tf.tensor2d(c0, [c.m, c.n]), product())],
      [GEMM_BIAS, 'relu(bias + A·B)', () => tf.relu(tf.add(tf.tensor1d(bias), product()))],
    ];
    for (const [mode, label, ref] of refs) {
      const expected = await runOn('cpu', ref);
      await switchBackend('wasm');
      const backend = wasmBackend();
      for (const fused of [true, false]) {
        setFusedGemmAllowed(fused);
        try {
          const gemm = gemmKernels(backend)!;
          const [at, bt, ct, biasT] = [tf.tensor1d(aFlat), tf.tensor1d(bFlat), tf.tensor1d(cFlat), tf.tensor1d(bias)];
          const p = (t: tf.Tensor) => pointerOf(backend, t as never);
          gemm.gemm(p(at), c.lda, p(bt), c.ldb, p(ct), c.ldc, c.m, c.n, c.k, mode, p(biasT), mode === GEMM_BIAS ? 1 : 0);
          const out = ct.dataSync() as Float32Array;
          expectClose(view(out, c.m, c.n, c.ldc), expected, 1e-5, `${label} ${fused ? 'fused' : 'unfused'}`);
          // The gaps between C's rows are left alone.
          for (let r = 0; r < c.m; r++) {
            for (let j = c.n; j < c.ldc && r * c.ldc + j < out.length; j++) expect(out[r * c.ldc + j]).toBe(cFlat[r * c.ldc + j]);
          }
          tf.dispose([at, bt, ct, biasT]);
        } finally {
          setFusedGemmAllowed(true);
        }
      }
    }
  });
});
