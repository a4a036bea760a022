/**
 * The gradient of FusedBatchNorm (tf.batchNorm) on the wasm backend in one pass.
 *
 * tfjs-core's gradient builds it from a dozen full-size operations (sub, tile, several
 * multiplies, three sums), each a separate pass over the batch-norm input on wasm. With
 * per-channel statistics (what every batch-normalisation layer passes), one loop over dy and
 * x gives all five gradients, with s = invstd = 1 / sqrt(variance + ε) per channel c:
 *   dx       = dy · scale · s                         [shape of x]
 *   dmean    = −s · scale · Σ dy                       [C]
 *   dvariance = −½ · s³ · scale · Σ dy · (x − mean)    [C]
 *   dscale   = s · Σ dy · (x − mean)                  [C]
 *   doffset  = Σ dy                                   [C]
 * the sums running over every axis but the last, in double precision. These are the partial
 * derivatives tfjs-core's own gradient gives (the moments' gradients are added by autodiff).
 *
 * `installBatchNormGradient()` replaces FusedBatchNorm's registered gradient with one that
 * takes this kernel on wasm for per-channel statistics and calls the original otherwise.
 */
import {
  FusedBatchNorm,
  type FusedBatchNormAttrs,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type Tensor,
  type TensorInfo,
  engine,
  getBackend,
  util,
} from '@tensorflow/tfjs';
import { isPerChannel } from './batchNorm';
import { replaceGradient } from './replaceGradient';
import { sumRows } from './sum';
import { channelSimd, scaleShiftSimd, sumRowsSimd } from './simd/channelOps';
import { allocF32, type BackendWasm, heapF32, release } from './wasmBackendAccess';

export const BATCH_NORM_GRAD = 'FashionPlaygroundBatchNormGrad';

interface Args {
  inputs: { dy: TensorInfo; x: TensorInfo; mean: TensorInfo; variance: TensorInfo; scale?: TensorInfo };
  backend: BackendWasm;
  attrs: FusedBatchNormAttrs;
}

/** Outputs, in order: dx, dmean, dvariance, dscale, doffset (the last four shaped like mean). */
export function batchNormGradWasm({ inputs, backend, attrs }: Args): TensorInfo[] {
  const { dy, x, mean, variance, scale } = inputs;
  const channels = x.shape[x.shape.length - 1];
  const outs = [allocF32(backend, [...x.shape]), ...[0, 1, 2, 3].map(() => allocF32(backend, [...mean.shape]))];
  try {
    const s = new Float64Array(channels);
    const k = new Float64Array(channels); // scale · s, dx's factor
    const v = heapF32(backend, variance);
    const g = scale == null ? null : heapF32(backend, scale);
    for (let c = 0; c < channels; c++) {
      s[c] = 1 / Math.sqrt(v[c] + attrs.varianceEpsilon);
      k[c] = (g == null ? 1 : g[c]) * s[c];
    }
    const rows = util.sizeFromShape(x.shape) / channels;
    const simd = channelSimd(backend, channels);
    let sumDy: Float64Array;
    let sumDyX: Float64Array;
    if (simd) {
      scaleShiftSimd(backend, simd, dy, outs[0], rows, channels, k);
      sumDy = sumRowsSimd(backend, simd, dy, rows, channels);
      sumDyX = sumRowsSimd(backend, simd, dy, rows, channels, x);
    } else {
      const kF32 = Float32Array.from(k);
      const dyv = heapF32(backend, dy);
      const xv = heapF32(backend, x);
      const dx = heapF32(backend, outs[0]);
      for (let r = 0, base = 0; r < rows; r++, base += channels) {
        for (let c = 0, i = base; c < channels; c++, i++) dx[i] = dyv[i] * kF32[c];
      }
      sumDy = sumRows(dyv, rows, channels);
      sumDyX = sumRowProducts(dyv, xv, rows, channels);
    }
    // Σ dy and Σ dy·x per channel; Σ dy·(x − mean) = Σ dy·x − mean·Σ dy.
    const m = heapF32(backend, mean);
    const sumDyXc = sumDyX.map((v, c) => v - m[c] * sumDy[c]);
    const [dMean, dVariance, dScale, dOffset] = outs.slice(1).map((o) => heapF32(backend, o));
    for (let c = 0; c < channels; c++) {
      dMean[c] = -k[c] * sumDy[c];
      dVariance[c] = -0.5 * k[c] * s[c] * s[c] * sumDyXc[c];
      dScale[c] = s[c] * sumDyXc[c];
      dOffset[c] = sumDy[c];
    }
    return outs;
  } catch (e) {
    for (const o of outs) release(backend, o);
    throw e;
  }
}

/**
 * out[c] = Σ_r a[r·cols + c] · b[r·cols + c], in double precision; four rows per pass over the
 * accumulators, for the reason given at sumRows.
 */
function sumRowProducts(a: Float32Array, b: Float32Array, rows: number, cols: number): Float64Array {
  const acc = new Float64Array(cols);
  const block = 4 * cols;
  let r = 0;
  let base = 0;
  for (; r + 4 <= rows; r += 4, base += block) {
    for (let c = 0, i = base; c < cols; c++, i++) {
      const i1 = i + cols;
      const i2 = i1 + cols;
      const i3 = i2 + cols;
      acc[c] += a[i] * b[i] + a[i1] * b[i1] + a[i2] * b[i2] + a[i3] * b[i3];
    }
  }
  for (; r < rows; r++, base += cols) {
    for (let c = 0, i = base; c < cols; c++, i++) acc[c] += a[i] * b[i];
  }
  return acc;
}

export const batchNormGradConfig: KernelConfig = {
  kernelName: BATCH_NORM_GRAD,
  backendName: 'wasm',
  kernelFunc: batchNormGradWasm as unknown as KernelFunc,
};

/** Replaces FusedBatchNorm's gradient (for every backend; only wasm takes the fused path). */
export function installBatchNormGradient(): void {
  replaceGradient(FusedBatchNorm, (original) => ({
    gradFunc: (dy, saved, attrs) => {
      const [x, mean, variance, scale] = saved;
      const dyTensor = dy as Tensor;
      const channels = x.shape[x.shape.length - 1];
      const fused =
        getBackend() === 'wasm' &&
        x.dtype === 'float32' &&
        dyTensor.dtype === 'float32' &&
        channels > 0 &&
        mean.rank === 1 &&
        [mean, variance, scale].every((t) => isPerChannel(t, channels));
      if (!fused) return original.gradFunc(dy, saved, attrs);
      // Eagerly, not inside the thunks: autodiff runs each thunk in its own tidy, which would
      // dispose the other outputs of a shared kernel call. Unused outputs go with the backward
      // pass's own scope.
      const grads = engine().runKernel(
        BATCH_NORM_GRAD,
        { dy: dyTensor, x, mean, variance, ...(scale == null ? {} : { scale }) },
        attrs as unknown as NamedAttrMap,
      ) as Tensor[];
      return { x: () => grads[0], mean: () => grads[1], variance: () => grads[2], scale: () => grads[3], offset: () => grads[4] };
    },
  }));
}
