/**
 * Batch normalisation while training, forward and backward, as two kernels on the wasm backend.
 *
 * tfjs-layers normalises a training batch with tf.moments (Mean, Sub, Square, Mean) and then
 * FusedBatchNorm; autodiff then walks back through the moments too (Tile, Sub, Multiply, Add,
 * Mean's gradient…): ~10 passes over the layer's input each way. For the Fast CNN's first batch
 * norm ([96,13,13,32], Node, one thread) those moments and their gradient cost ~6 ms of a
 * ~76 ms step. With per-channel statistics over every axis but the last (what a channels-last
 * BatchNormalization layer does), N values per channel c:
 *
 * Forward (FashionPlaygroundBatchNormTraining): inputs x [..., C], scale [C], offset [C];
 *   attrs varianceEpsilon. Outputs y (shape of x), mean [C], variance [C] (biased, as
 *   tf.moments):  μ = Σx / N,  σ² = Σx² / N − μ²  (sums in double precision),
 *   y = x · a + b,  a = scale / √(σ² + ε),  b = offset − μ · a.          3 passes over x.
 * Backward (FashionPlaygroundBatchNormTrainingGrad), the whole gradient with the moments' paths,
 *   s = 1 / √(σ² + ε), S₁ = Σ dy, S₂ = Σ dy · (x − μ):
 *   dx = scale · s · (dy − S₁ / N − (x − μ) · s² · S₂ / N)
 *      = dy · A + x · B + D,  A = scale · s,  B = −A · s² · S₂ / N,  D = −A · S₁ / N − μ · B
 *   dscale = s · S₂,  doffset = S₁.                                     3 passes over dy and x.
 */
import { type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo, util } from '@tensorflow/tfjs';
import { sumRows } from './sum';
import { channelSimd, scaleShift2Simd, scaleShiftSimd, sumRowsSimd } from './simd/channelOps';
import { allocF32, type BackendWasm, heapF32, release } from './wasmBackendAccess';

export const BATCH_NORM_TRAINING = 'FashionPlaygroundBatchNormTraining';
export const BATCH_NORM_TRAINING_GRAD = 'FashionPlaygroundBatchNormTrainingGrad';

export interface BatchNormTrainingAttrs extends NamedAttrMap {
  varianceEpsilon: number;
}

interface ForwardArgs {
  inputs: { x: TensorInfo; scale: TensorInfo; offset: TensorInfo };
  backend: BackendWasm;
  attrs: BatchNormTrainingAttrs;
}

interface BackwardArgs {
  inputs: { dy: TensorInfo; x: TensorInfo; scale: TensorInfo; mean: TensorInfo; variance: TensorInfo };
  backend: BackendWasm;
  attrs: BatchNormTrainingAttrs;
}

function layout(x: TensorInfo): { channels: number; rows: number } {
  const channels = x.shape[x.shape.length - 1];
  if (x.dtype !== 'float32' || channels == null || channels < 1) throw new Error(`${BATCH_NORM_TRAINING}: x must be float32 with channels last`);
  return { channels, rows: util.sizeFromShape(x.shape) / channels };
}

/** Σ_r a[r, c] (or Σ_r a[r, c]·b[r, c]) per channel, in double precision, SIMD where the channels allow. */
function channelSums(backend: BackendWasm, a: TensorInfo, rows: number, channels: number, b?: TensorInfo): Float64Array {
  const simd = channelSimd(backend, channels);
  if (simd) return sumRowsSimd(backend, simd, a, rows, channels, b);
  const av = heapF32(backend, a);
  if (!b) return sumRows(av, rows, channels);
  const bv = heapF32(backend, b);
  const acc = new Float64Array(channels);
  for (let base = 0; base < av.length; base += channels) {
    for (let c = 0, i = base; c < channels; c++, i++) acc[c] += av[i] * bv[i];
  }
  return acc;
}

export function batchNormTrainingWasm({ inputs, backend, attrs }: ForwardArgs): TensorInfo[] {
  const { x, scale, offset } = inputs;
  const { channels, rows } = layout(x);
  const outs = [allocF32(backend, [...x.shape]), allocF32(backend, [channels]), allocF32(backend, [channels])];
  try {
    const sum = channelSums(backend, x, rows, channels);
    const sumSquares = channelSums(backend, x, rows, channels, x);
    const a = new Float64Array(channels);
    const b = new Float64Array(channels);
    // Views after every allocation above (one may grow the heap and detach earlier views).
    const [mean, variance] = [outs[1], outs[2]].map((o) => heapF32(backend, o));
    const g = heapF32(backend, scale);
    const o = heapF32(backend, offset);
    for (let c = 0; c < channels; c++) {
      const mu = sum[c] / rows;
      const sigma2 = Math.max(0, sumSquares[c] / rows - mu * mu);
      mean[c] = mu;
      variance[c] = sigma2;
      a[c] = g[c] / Math.sqrt(sigma2 + attrs.varianceEpsilon);
      b[c] = o[c] - mu * a[c];
    }
    affine(backend, x, outs[0], rows, channels, a, b);
    return outs;
  } catch (e) {
    for (const out of outs) release(backend, out);
    throw e;
  }
}

/** out = x · a[c] + b[c]. */
function affine(backend: BackendWasm, x: TensorInfo, out: TensorInfo, rows: number, channels: number, a: Float64Array, b: Float64Array): void {
  const simd = channelSimd(backend, channels);
  if (simd) return scaleShiftSimd(backend, simd, x, out, rows, channels, a, b);
  const xv = heapF32(backend, x);
  const y = heapF32(backend, out);
  const af = Float32Array.from(a);
  const bf = Float32Array.from(b);
  for (let base = 0; base < xv.length; base += channels) {
    for (let c = 0, i = base; c < channels; c++, i++) y[i] = xv[i] * af[c] + bf[c];
  }
}

export function batchNormTrainingGradWasm({ inputs, backend, attrs }: BackwardArgs): TensorInfo[] {
  const { dy, x, scale, mean, variance } = inputs;
  const { channels, rows } = layout(x);
  const outs = [allocF32(backend, [...x.shape]), allocF32(backend, [channels]), allocF32(backend, [channels])];
  try {
    const sumDy = channelSums(backend, dy, rows, channels);
    const sumDyX = channelSums(backend, dy, rows, channels, x);
    const A = new Float32Array(channels);
    const B = new Float32Array(channels);
    const D = new Float32Array(channels);
    const [dScale, dOffset] = [outs[1], outs[2]].map((o) => heapF32(backend, o));
    const g = heapF32(backend, scale);
    const m = heapF32(backend, mean);
    const v = heapF32(backend, variance);
    for (let c = 0; c < channels; c++) {
      const s = 1 / Math.sqrt(v[c] + attrs.varianceEpsilon);
      const s2 = sumDyX[c] - m[c] * sumDy[c]; // Σ dy·(x − μ)
      const a = g[c] * s;
      const b = (-a * s * s * s2) / rows;
      A[c] = a;
      B[c] = b;
      D[c] = (-a * sumDy[c]) / rows - m[c] * b;
      dScale[c] = s * s2;
      dOffset[c] = sumDy[c];
    }
    // dx = dy·A + x·B + D in one pass over both.
    const simd = channelSimd(backend, channels);
    if (simd) {
      scaleShift2Simd(backend, simd, dy, x, outs[0], rows, channels, A, B, D);
      return outs;
    }
    const dyv = heapF32(backend, dy);
    const xv = heapF32(backend, x);
    const dx = heapF32(backend, outs[0]);
    for (let base = 0; base < dx.length; base += channels) {
      for (let c = 0, i = base; c < channels; c++, i++) dx[i] = dyv[i] * A[c] + xv[i] * B[c] + D[c];
    }
    return outs;
  } catch (e) {
    for (const out of outs) release(backend, out);
    throw e;
  }
}

export const batchNormTrainingConfig: KernelConfig = {
  kernelName: BATCH_NORM_TRAINING,
  backendName: 'wasm',
  kernelFunc: batchNormTrainingWasm as unknown as KernelFunc,
};

export const batchNormTrainingGradConfig: KernelConfig = {
  kernelName: BATCH_NORM_TRAINING_GRAD,
  backendName: 'wasm',
  kernelFunc: batchNormTrainingGradWasm as unknown as KernelFunc,
};
