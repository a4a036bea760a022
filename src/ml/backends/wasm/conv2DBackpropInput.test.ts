import '../../../test-support/relaxedSimd';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2DBackpropInputWasm, type InputGradStrategy } from './conv2DBackpropInput';
import { setFusedGemmAllowed } from './simd/gemmKernels';
import { setSimdKernelsEnabled } from './simd/simdKernels';
import { expectClose, randomArray, runOn, switchBackend, wasmBackend } from './testUtils';

type Pad = 'same' | 'valid' | number;
interface Case {
  x: [number, number, number, number]; // inputShape [N, H, W, Ci]
  filter: [number, number, number, number]; // [Fh, Fw, Ci, Co]
  strides: number | [number, number];
  pad: Pad;
}

// Kernel sizes 1/3/5 (and non-square), strides 1/2 (and mixed), SAME/VALID/
// numeric padding; sizes where a stride-2 window does not cover the last row.
const CASES: Case[] = [
  { x: [2, 7, 7, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 7, 7, 3], filter: [3, 3, 3, 4], strides: 2, pad: 'same' },
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 4], strides: 2, pad: 'valid' },
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
  { x: [2, 9, 9, 2], filter: [5, 5, 2, 3], strides: 2, pad: 'same' },
  { x: [2, 10, 9, 4], filter: [5, 5, 4, 5], strides: 1, pad: 'same' },
  { x: [2, 10, 10, 2], filter: [5, 5, 2, 3], strides: 2, pad: 'valid' },
  { x: [1, 12, 12, 1], filter: [3, 3, 1, 16], strides: 1, pad: 'valid' },
  { x: [2, 6, 8, 6], filter: [2, 3, 6, 7], strides: [2, 1], pad: 'same' },
  { x: [2, 6, 6, 5], filter: [1, 1, 5, 4], strides: 2, pad: 'valid' },
  { x: [2, 5, 5, 2], filter: [3, 3, 2, 3], strides: 1, pad: 1 },
  { x: [2, 4, 4, 3], filter: [5, 5, 3, 2], strides: 1, pad: 'same' }, // filter larger than image
  // Input channels a multiple of 8 (gemm.wat): the default CNN's second layer (smaller batch),
  // padding, strides, a filter wider than the image.
  { x: [3, 13, 13, 32], filter: [3, 3, 32, 64], strides: 1, pad: 'valid' },
  { x: [2, 9, 10, 8], filter: [3, 3, 8, 12], strides: 2, pad: 'same' },
  { x: [2, 7, 6, 16], filter: [5, 5, 16, 4], strides: 1, pad: 'same' },
  { x: [2, 6, 8, 8], filter: [2, 3, 8, 5], strides: [2, 1], pad: 1 },
  { x: [1, 3, 3, 8], filter: [5, 5, 8, 8], strides: 1, pad: 'same' },
];

function attrsOf(c: Case) {
  return { strides: c.strides, pad: c.pad, dataFormat: 'NHWC' as const, inputShape: c.x };
}

function dyShape(c: Case): number[] {
  return tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad).outShape;
}

describe('Conv2DBackpropInput on wasm', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
  });

  it.each(CASES.map((c, i) => [i, c] as const))('matches cpu, case %i: %o', async (i, c) => {
    const dyv = randomArray(dyShape(c), 300 + i);
    const wv = randomArray(c.filter, 400 + i);
    const run = () =>
      tf.engine().runKernel(
        'Conv2DBackpropInput',
        { dy: tf.tensor(dyv, dyShape(c)), filter: tf.tensor(wv, c.filter) },
        attrsOf(c),
      ) as tf.Tensor;
    const ref = await runOn('cpu', run);
    expectClose(await runOn('wasm', run), ref, 1e-5, 'auto');

    // Both algorithms where they apply ('conv' needs stride 1).
    const backend = wasmBackend();
    const strides = typeof c.strides === 'number' ? [c.strides, c.strides] : c.strides;
    const strategies: InputGradStrategy[] = strides.every((s) => s === 1) ? ['conv', 'col2im'] : ['col2im'];
    // gemm.wat with fused multiply-adds and without; 'auto' without any SIMD kernel.
    const variants: [InputGradStrategy, boolean, boolean][] = [
      ...strategies.map((s): [InputGradStrategy, boolean, boolean] => [s, true, true]),
      ...(c.x[3] % 8 === 0 ? [['gemm', true, true], ['gemm', true, false]] as [InputGradStrategy, boolean, boolean][] : []),
      ['auto', false, true],
    ];
    for (const [strategy, simd, fused] of variants) {
      const dy = tf.tensor(dyv, dyShape(c));
      const filter = tf.tensor(wv, c.filter);
      setSimdKernelsEnabled(simd);
      setFusedGemmAllowed(fused);
      try {
        const out = conv2DBackpropInputWasm({ inputs: { dy, filter }, backend, attrs: attrsOf(c) }, strategy);
        expect(out.shape).toEqual(c.x);
        expectClose(backend.readSync(out.dataId) as Float32Array, ref, 1e-5, `${strategy} ${simd ? 'SIMD' : 'no SIMD'} ${fused ? 'fused' : 'unfused'}`);
        backend.disposeData(out.dataId);
      } finally {
        setSimdKernelsEnabled(true);
        setFusedGemmAllowed(true);
        tf.dispose([dy, filter]);
      }
    }
  });

  it('agrees with tf.grad of conv2d w.r.t. its input on cpu', async () => {
    const xShape: [number, number, number, number] = [2, 9, 9, 4];
    const w = randomArray([3, 3, 4, 6], 17);
    const xv = randomArray(xShape, 18);
    const grad = () => {
      const f = (x: tf.Tensor) => tf.relu(tf.conv2d(x as tf.Tensor4D, tf.tensor4d(w, [3, 3, 4, 6]), 2, 'same')).square().sum();
      return tf.grad(f)(tf.tensor4d(xv, xShape));
    };
    expectClose(await runOn('wasm', grad), await runOn('cpu', grad), 1e-5);
  });

  it('leaks no tensors or wasm buffers', async () => {
    await switchBackend('wasm');
    const backend = wasmBackend();
    const dy = tf.randomNormal([4, 5, 5, 16]);
    const filter = tf.randomNormal([3, 3, 8, 16]);
    const attrs = { strides: 2, pad: 'same', dataFormat: 'NHWC', inputShape: [4, 10, 10, 8] };
    tf.dispose(tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, attrs)); // warm up
    const tensors = tf.memory().numTensors;
    const buffers = backend.numDataIds();
    for (const strategy of ['auto', 'col2im', 'gemm'] as InputGradStrategy[]) {
      const out = conv2DBackpropInputWasm({ inputs: { dy, filter }, backend, attrs: attrs as never }, strategy);
      backend.disposeData(out.dataId);
    }
    const stride1 = { ...attrs, strides: 1, inputShape: [4, 5, 5, 8] };
    const out = conv2DBackpropInputWasm({ inputs: { dy, filter }, backend, attrs: stride1 as never }, 'conv');
    backend.disposeData(out.dataId);
    tf.dispose(tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, attrs));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.numDataIds()).toBe(buffers);
    tf.dispose([dy, filter]);
  });

  it('rejects NCHW and dilation > 1 with a clear error', async () => {
    await switchBackend('wasm');
    const dy = tf.zeros([1, 5, 5, 3]);
    const filter = tf.zeros([3, 3, 2, 3]);
    const base = { strides: 1, pad: 'same', inputShape: [1, 5, 5, 2] };
    expect(() =>
      tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, { ...base, dataFormat: 'NCHW' }),
    ).toThrow(/NHWC/);
    expect(() =>
      tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, { ...base, dataFormat: 'NHWC', dilations: [1, 2] }),
    ).toThrow(/dilation 1/);
    tf.dispose([dy, filter]);
  });
});
