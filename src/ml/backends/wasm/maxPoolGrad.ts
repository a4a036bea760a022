/**
 * MaxPoolGrad for the wasm backend, replacing the built-in one of
 * tfjs-backend-wasm 4.22, which gives wrong gradients: it seeds its running
 * max with FLT_MIN (the smallest *positive* float) instead of -Infinity, so a
 * window whose values are all <= 0 sends no gradient at all (and it breaks
 * ties towards the last maximum, where tfjs' cpu/webgl take the first).
 *
 * Inputs:  dy     [N, Ho, Wo, C]  gradient w.r.t. the pooling output
 *          input  [N, H, W, C]    the pooling input x
 *          output [N, Ho, Wo, C]  the pooling output (unused)
 * Attrs:   filterSize, strides, pad ('same' | 'valid' | number | explicit),
 *          dimRoundingMode. NHWC, dilation 1.
 * Output:  dx [N, H, W, C]: each dy element is added to the position of the
 *          first maximum of its window (padding excluded; a window with no
 *          value > -Infinity, e.g. all NaN, passes nothing), as the cpu
 *          backend does.
 */
import {
  backend_util,
  MaxPoolGrad,
  type KernelConfig,
  type KernelFunc,
  type MaxPoolGradAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs';
import { pointerOf, simdKernels } from './simd/simdKernels';
import { gemmShares, runParts, shareRange, SPLIT_BLOCKS } from './split/twoThreads';
import { allocF32, type BackendWasm, heapF32, release } from './wasmBackendAccess';

interface Args {
  inputs: { dy: TensorInfo; input: TensorInfo; output?: TensorInfo };
  backend: BackendWasm;
  attrs: MaxPoolGradAttrs;
}

export function maxPoolGradWasm({ inputs, backend, attrs }: Args): TensorInfo {
  const { dy, input } = inputs;
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  if (dy.shape.join() !== info.outShape.join()) {
    throw new Error(`${MaxPoolGrad}: dy shape [${dy.shape}] does not match [${info.outShape}]`);
  }
  const dxInfo = allocF32(backend, [...input.shape]);
  try {
    if (simdWindows(backend, info, input, dy, dxInfo)) return dxInfo;
    scatterMaxGrad(heapF32(backend, input), heapF32(backend, dy), info, heapF32(backend, dxInfo));
  } catch (e) {
    release(backend, dxInfo);
    throw e;
  }
  return dxInfo;
}

/**
 * The SIMD kernel (simd/kernels.wat) for the pooling every preset uses: 2×2 windows, stride 2,
 * no padding, channels a multiple of 4. 7.6 → ~1 ms for the default CNN's 64×26×26×32 input
 * (Node). False when it does not apply, or when a window held a NaN or a row of −∞ (the
 * scalar scan then redoes the tensor).
 */
/** Input values (N·H·W·C) from which the pooling gradient is worth a hand-over (the default CNN's: 1.4 M and 0.5 M). */
const MIN_SPLIT_POOL_VALUES = 300_000;

function simdWindows(backend: BackendWasm, info: backend_util.Conv2DInfo, x: TensorInfo, dy: TensorInfo, dx: TensorInfo): boolean {
  const { top, left, bottom, right } = info.padInfo;
  const applies =
    info.filterHeight === 2 && info.filterWidth === 2 && info.strideHeight === 2 && info.strideWidth === 2 &&
    top === 0 && left === 0 && bottom === 0 && right === 0 && info.inChannels % 4 === 0 &&
    info.outHeight === Math.floor(info.inHeight / 2) && info.outWidth === Math.floor(info.inWidth / 2);
  const simd = applies ? simdKernels(backend) : null;
  if (simd == null) return false;
  heapF32(backend, x); // dtype checks
  heapF32(backend, dy);
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c } = info;
  const [xPtr, dyPtr, dxPtr] = [pointerOf(backend, x), pointerOf(backend, dy), pointerOf(backend, dx)];
  const xPerImage = h * w * c;
  const dyPerImage = info.outHeight * info.outWidth * c;
  // Blocks of images shared with the gemm helper where one runs (split/): ~1 ms per 32 images here.
  const shares = n * xPerImage >= MIN_SPLIT_POOL_VALUES ? gemmShares(backend, Math.min(n, SPLIT_BLOCKS), `max pool grad ${x.shape}`) : 1;
  // A window with a NaN or a row of −∞ anywhere: a direct call returns its flag, a recorded one
  // leaves it for runParts to return.
  let direct = 0;
  const recorded = runParts(backend, shares, (ops, share) => {
    const [lo, hi] = shareRange(n, shares, share);
    direct |= ops.maxPoolGrad2x2(xPtr + lo * xPerImage * 4, dyPtr + lo * dyPerImage * 4, dxPtr + lo * xPerImage * 4, hi - lo, h, w, c);
  });
  return (direct | recorded) === 0;
}

/** dx = 0, then dx[first argmax of each window] += dy. */
function scatterMaxGrad(
  x: Float32Array,
  dy: Float32Array,
  info: backend_util.Conv2DInfo,
  dx: Float32Array,
): void {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c } = info;
  const { outHeight: ho, outWidth: wo, filterHeight: fh, filterWidth: fw } = info;
  const { strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const rowStride = w * c;
  dx.fill(0);
  let dyIdx = 0;
  for (let b = 0; b < n; b++) {
    const xBatch = b * h * rowStride;
    for (let oh = 0; oh < ho; oh++) {
      const r0 = Math.max(0, oh * sh - top);
      const r1 = Math.min(h, oh * sh - top + fh);
      for (let ow = 0; ow < wo; ow++) {
        const c0 = Math.max(0, ow * sw - left);
        const c1 = Math.min(w, ow * sw - left + fw);
        const corner = xBatch + r0 * rowStride + c0 * c;
        if (r1 - r0 === 2 && c1 - c0 === 2) {
          // A whole 2×2 window (every preset's pooling): unrolled, ~3× faster than the loops.
          for (let d = 0, i00 = corner; d < c; d++, dyIdx++, i00++) {
            const i01 = i00 + c;
            const i10 = i00 + rowStride;
            const i11 = i10 + c;
            let best = -Infinity;
            let at = -1;
            let v = x[i00];
            if (v > best) {
              best = v;
              at = i00;
            }
            v = x[i01];
            if (v > best) {
              best = v;
              at = i01;
            }
            v = x[i10];
            if (v > best) {
              best = v;
              at = i10;
            }
            if (x[i11] > best) at = i11;
            if (at >= 0) dx[at] += dy[dyIdx];
          }
          continue;
        }
        for (let d = 0; d < c; d++, dyIdx++) {
          // Row-major window scan with strict '>' keeps the first maximum;
          // NaN never compares greater, as in the cpu backend.
          let best = -Infinity;
          let at = -1;
          for (let r = r0, rowBase = corner + d; r < r1; r++, rowBase += rowStride) {
            for (let col = c0, i = rowBase; col < c1; col++, i += c) {
              const v = x[i];
              if (v > best) {
                best = v;
                at = i;
              }
            }
          }
          if (at >= 0) dx[at] += dy[dyIdx];
        }
      }
    }
  }
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGradWasm as unknown as KernelFunc,
};
