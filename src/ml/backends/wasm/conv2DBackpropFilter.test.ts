import '../../../test-support/relaxedSimd';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2DBackpropFilterWasm, type FilterGradStrategy } from './conv2DBackpropFilter';
import { gemmKernels, setFusedGemmAllowed } from './simd/gemmKernels';
import { setSimdKernelsEnabled } from './simd/simdKernels';
import { expectClose, randomArray, runOn, switchBackend, wasmBackend } from './testUtils';

type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];
interface Case {
  x: [number, number, number, number]; // [N, H, W, Ci]
  filter: [number, number, number, number]; // [Fh, Fw, Ci, Co]
  strides: number | [number, number];
  pad: Pad;
}

// Kernel sizes 1/3/5 (and non-square), strides 1/2 (and mixed), SAME/VALID/
// numeric padding, odd and even sizes, K < Co and K >= Co (both strategies).
const CASES: Case[] = [
  { x: [2, 7, 7, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 7, 7, 3], filter: [3, 3, 3, 4], strides: 2, pad: 'same' },
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 4], strides: 2, pad: 'valid' },
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
  { x: [2, 9, 9, 2], filter: [5, 5, 2, 3], strides: 2, pad: 'same' },
  { x: [3, 10, 9, 4], filter: [5, 5, 4, 5], strides: 1, pad: 'same' },
  { x: [1, 12, 12, 1], filter: [3, 3, 1, 16], strides: 1, pad: 'valid' },
  { x: [4, 11, 10, 1], filter: [5, 5, 1, 32], strides: 2, pad: 'same' },
  { x: [2, 6, 8, 6], filter: [2, 3, 6, 7], strides: [2, 1], pad: 'same' },
  { x: [2, 6, 6, 5], filter: [1, 1, 5, 4], strides: 2, pad: 'valid' },
  { x: [2, 5, 5, 2], filter: [3, 3, 2, 3], strides: 1, pad: 1 },
  { x: [2, 4, 4, 3], filter: [5, 5, 3, 2], strides: 1, pad: 'same' }, // filter larger than image
  // Channels a multiple of 4 (the SIMD im2col): output widths with and without a tail after
  // groups of four columns, padding on either side, stride 2, a filter wider than the image.
  { x: [3, 13, 13, 32], filter: [3, 3, 32, 8], strides: 1, pad: 'valid' },
  { x: [2, 9, 10, 8], filter: [3, 3, 8, 4], strides: 2, pad: 'same' },
  { x: [2, 7, 6, 4], filter: [5, 5, 4, 4], strides: 1, pad: 'same' },
  { x: [1, 3, 3, 4], filter: [5, 5, 4, 2], strides: 1, pad: 'same' },
  // Output channels a multiple of 8 (gemm.wat), with channels the SIMD im2col takes and not.
  { x: [2, 9, 10, 8], filter: [3, 3, 8, 16], strides: 2, pad: 'same' },
  { x: [3, 7, 6, 6], filter: [5, 5, 6, 8], strides: 1, pad: 'same' },
  // One input channel, 3×3, stride 1 (the 'direct' SIMD kernel), with and without padding.
  { x: [3, 28, 28, 1], filter: [3, 3, 1, 32], strides: 1, pad: 'valid' },
  { x: [2, 9, 8, 1], filter: [3, 3, 1, 8], strides: 1, pad: 'same' },
  { x: [2, 6, 7, 1], filter: [3, 3, 1, 4], strides: 1, pad: [[0, 0], [2, 0], [0, 2], [0, 0]] },
];

function attrsOf(c: Case) {
  return { strides: c.strides, pad: c.pad, dataFormat: 'NHWC' as const, filterShape: c.filter };
}

function dyShape(c: Case): number[] {
  return tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad).outShape;
}

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
  });

  it('has gemm.wat with fused multiply-adds here (relaxed SIMD) and without', async () => {
    await switchBackend('wasm');
    expect(gemmKernels(wasmBackend())?.fused).toBe(true);
    setFusedGemmAllowed(false);
    try {
      expect(gemmKernels(wasmBackend())?.fused).toBe(false);
    } finally {
      setFusedGemmAllowed(true);
    }
  });

  it.each(CASES.map((c, i) => [i, c] as const))('matches cpu, case %i: %o', async (i, c) => {
    const xv = randomArray(c.x, 100 + i);
    const dyv = randomArray(dyShape(c), 200 + i);
    const run = () =>
      tf.engine().runKernel(
        'Conv2DBackpropFilter',
        { x: tf.tensor(xv, c.x), dy: tf.tensor(dyv, dyShape(c)) },
        attrsOf(c),
      ) as tf.Tensor;
    const ref = await runOn('cpu', run);
    const got = await runOn('wasm', run);
    expectClose(got, ref, 1e-5, 'auto');

    // Both matmul layouts, whichever 'auto' picks for this shape; 'colsT' also in chunks of
    // one image and of 2-3 images (rows per chunk below one image still take one image).
    const backend = wasmBackend();
    // 'colsT' with the SIMD im2col where the channels allow, and with the JavaScript one.
    const gemm = c.filter[3] % 8 === 0;
    const variants: [FilterGradStrategy, number | undefined, boolean][] = [
      ['colsT', undefined, true],
      ['dyT', undefined, true],
      ['colsT', 1, true],
      ['colsT', 2 * dyShape(c)[1] * dyShape(c)[2] + 1, true],
      ['colsT', undefined, false],
      ['colsT', 1, false],
      ...(gemm ? [['gemm', undefined, true], ['gemm', 1, true]] as [FilterGradStrategy, number | undefined, boolean][] : []),
      ...(c.filter[2] === 1 && c.filter[0] === 3 && c.filter[1] === 3 && c.strides === 1 && c.filter[3] % 4 === 0 ? [['direct', undefined, true] as [FilterGradStrategy, undefined, boolean]] : []),
    ];
    for (const [strategy, chunkRows, simd] of variants) {
      const x = tf.tensor(xv, c.x);
      const dy = tf.tensor(dyv, dyShape(c));
      setSimdKernelsEnabled(simd);
      try {
        const out = conv2DBackpropFilterWasm({ inputs: { x, dy }, backend, attrs: attrsOf(c) }, strategy, chunkRows);
        expect(out.shape).toEqual(c.filter);
        expectClose(backend.readSync(out.dataId) as Float32Array, ref, 1e-5, `${strategy} ${chunkRows ?? ''} ${simd ? 'SIMD' : 'JavaScript'}`);
        backend.disposeData(out.dataId);
        if (strategy === 'gemm') {
          // gemm.wat's unfused flavour (engines without relaxed SIMD).
          setFusedGemmAllowed(false);
          const unfused = conv2DBackpropFilterWasm({ inputs: { x, dy }, backend, attrs: attrsOf(c) }, strategy, chunkRows);
          expectClose(backend.readSync(unfused.dataId) as Float32Array, ref, 1e-5, `gemm unfused ${chunkRows ?? ''}`);
          backend.disposeData(unfused.dataId);
        }
      } finally {
        setSimdKernelsEnabled(true);
        setFusedGemmAllowed(true);
        tf.dispose([x, dy]);
      }
    }
  });

  it('agrees with tf.grad of conv2d on cpu (bias-free conv, relu-like upstream)', async () => {
    const xShape: [number, number, number, number] = [3, 9, 9, 4];
    const w = randomArray([3, 3, 4, 6], 7);
    const xv = randomArray(xShape, 8);
    const grad = () => {
      const f = (filter: tf.Tensor) => tf.relu(tf.conv2d(tf.tensor4d(xv, xShape), filter as tf.Tensor4D, 2, 'same')).square().sum();
      return tf.grad(f)(tf.tensor4d(w, [3, 3, 4, 6]));
    };
    expectClose(await runOn('wasm', grad), await runOn('cpu', grad), 1e-5);
  });

  it('leaks no tensors or wasm buffers', async () => {
    await switchBackend('wasm');
    const backend = wasmBackend();
    const x = tf.randomNormal([4, 10, 10, 8]);
    const dy = tf.randomNormal([4, 5, 5, 16]);
    const attrs = { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 8, 16] };
    tf.dispose(tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs)); // warm up
    const tensors = tf.memory().numTensors;
    const buffers = backend.numDataIds();
    for (const [strategy, chunkRows] of [['auto'], ['colsT'], ['dyT'], ['colsT', 30], ['gemm'], ['gemm', 30]] as [FilterGradStrategy, number?][]) {
      const out = conv2DBackpropFilterWasm({ inputs: { x, dy }, backend, attrs: attrs as never }, strategy, chunkRows);
      backend.disposeData(out.dataId);
    }
    tf.dispose(tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.numDataIds()).toBe(buffers);
    tf.dispose([x, dy]);
  });

  it('rejects NCHW and dilation > 1 with a clear error', async () => {
    await switchBackend('wasm');
    const x = tf.zeros([1, 5, 5, 2]);
    const dy = tf.zeros([1, 5, 5, 3]);
    const base = { strides: 1, pad: 'same', filterShape: [3, 3, 2, 3] };
    expect(() =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...base, dataFormat: 'NCHW' }),
    ).toThrow(/NHWC/);
    expect(() =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...base, dataFormat: 'NHWC', dilations: 2 }),
    ).toThrow(/dilation 1/);
    tf.dispose([x, dy]);
  });
});
