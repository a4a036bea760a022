/**
 * Conv2DBackpropFilter for the wasm backend (tfjs-backend-wasm 4.22 has none).
 *
 * Inputs:  x  [N, H, W, Ci]    the convolution's input
 *          dy [N, Ho, Wo, Co]  gradient of the loss w.r.t. its output
 * Attrs:   strides, pad ('same' | 'valid' | number | explicit), filterShape
 *          [Fh, Fw, Ci, Co], dataFormat 'NHWC' only, dilation 1 only.
 * Output:  dW [Fh, Fw, Ci, Co] = Σ_{n,oh,ow} patch(x)[n,oh,ow,fh,fw,ci] · dy[n,oh,ow,co]
 *
 * As matrices, with M = N*Ho*Wo and K = Fh*Fw*Ci (see im2col.ts):
 *   dW[K, Co] = cols[M, K]ᵀ · dy[M, Co]
 * The built-in wasm BatchMatMul is fast (XNNPACK, SIMD) only without transpose
 * flags and with batch 1, and it packs its right-hand side for every new
 * tensor (cost ∝ its size), so the smaller of the two M-row operands goes on
 * the right:
 *   'colsT': K >= Co:  dW[K, Co]  = colsT[K, M] · copy(dy)[M, Co]
 *   'dyT':   K <  Co:  dWᵀ[Co, K] = dyᵀ[Co, M] · cols[M, K], then transposed
 * Measured (batch 64, 3x3, single thread): 13x13x32 -> 64 channels 'colsT'
 * 16.6 ms vs 'dyT' 25.2 ms; 28x28x1 -> 32 channels 'dyT' 4.7 ms vs 'colsT'
 * 6.4 ms. The right-hand side is always a buffer made here (see matMulFresh).
 * 'gemm' (the default where simd/gemm.wat runs and Co is a multiple of 8; conv2DBackpropFilterGemm.ts,
 * split over two threads where the gemm helper runs): the 'colsT' product with gemm.wat, a few images at a time, reading dy where it lies (no copy) and adding into dW:
 * default CNN's second layer (Node, one thread, CPU time) ~16 ms → ~9 with fused multiply-adds.
 */
import {
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type backend_util,
} from '@tensorflow/tfjs';
import { colsShape, im2col, im2colTransposed } from './im2col';
import { canIm2colTransposedSimd, im2colTransposedSimd } from './simd/im2colTransposedSimd';
import { addInto, filterGradViaGemm, GEMM_CHUNK_ROWS } from './conv2DBackpropFilterGemm';
import { gemmShares, MIN_SPLIT_MULTIPLY_ADDS, runParts, shareRange, SPLIT_BLOCKS } from './split/twoThreads';
import { pointerOf, simdKernels } from './simd/simdKernels';
import {
  allocF32,
  assertNhwcNoDilation,
  type BackendWasm,
  convInfoNhwc,
  heapF32,
  matMulFresh,
  release,
  runWasmKernel,
  withShape,
} from './wasmBackendAccess';

interface Args {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropFilterAttrs & { dilations?: number | [number, number] };
}

export type FilterGradStrategy = 'auto' | 'colsT' | 'dyT' | 'direct' | 'gemm';

export function conv2DBackpropFilterWasm(
  { inputs, backend, attrs }: Args,
  strategy: FilterGradStrategy = 'auto',
  chunkRows = FILTER_GRAD_CHUNK_ROWS,
): TensorInfo {
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  assertNhwcNoDilation(Conv2DBackpropFilter, dataFormat, attrs.dilations);
  const info = convInfoNhwc(x.shape, filterShape, strides, pad, dimRoundingMode);
  const [m, k] = colsShape(info);
  const co = info.outChannels;
  if (dy.shape.join() !== info.outShape.join()) {
    throw new Error(`${Conv2DBackpropFilter}: dy shape [${dy.shape}] does not match [${info.outShape}]`);
  }
  if (m === 0 || k === 0 || co === 0) {
    const zeros = allocF32(backend, filterShape);
    heapF32(backend, zeros).fill(0);
    return zeros;
  }

  if (strategy === 'direct' || strategy === 'auto') {
    const direct = directSingleChannel(backend, x, dy, info, filterShape);
    if (direct != null) return direct[0];
    if (strategy === 'direct') throw new Error(`${Conv2DBackpropFilter}: 'direct' needs a 3×3 filter, one input channel, stride 1 and WebAssembly SIMD`);
  }
  if (strategy === 'gemm' || strategy === 'auto') {
    const viaGemm = filterGradViaGemm(backend, x, dy, info, filterShape, strategy === 'gemm' ? chunkRows : GEMM_CHUNK_ROWS);
    if (viaGemm != null) return viaGemm;
    if (strategy === 'gemm') throw new Error(`${Conv2DBackpropFilter}: 'gemm' needs output channels a multiple of 8 and WebAssembly SIMD`);
  }
  const useColsT = strategy === 'colsT' || (strategy === 'auto' && k >= co);
  return useColsT ? viaColsT(backend, x, dy, info, filterShape, chunkRows) : viaDyT(backend, x, dy, info, filterShape);
}

/**
 * Rows of M per matmul in the 'colsT' layout. XNNPACK streams the whole inner dimension for
 * every output tile, so with all of M at once its operands fall out of the cache: for the
 * Modern preset's 28×28 layers (M = 50,176) one call took ~10× its arithmetic. Chunks of
 * whole images with ≤ ~2k rows keep each call's operands in L2 (Node, one thread: Modern's
 * 28×28×32 → 32 layer 100+ → ~40 ms, the Simple CNN's 13×13×32 → 64 layer 16.6 → ~12 ms).
 */
export const FILTER_GRAD_CHUNK_ROWS = 2048;

/** dW[K, Co] = Σ over chunks of whole images: colsT[K, chunk] · copy(dy)[chunk, Co]. */
function viaColsT(
  backend: BackendWasm,
  x: TensorInfo,
  dy: TensorInfo,
  info: backend_util.Conv2DInfo,
  filterShape: number[],
  chunkRows: number,
): TensorInfo {
  const [, k] = colsShape(info);
  const co = info.outChannels;
  const rowsPerImage = info.outHeight * info.outWidth;
  const xPerImage = info.inHeight * info.inWidth * info.inChannels;
  const imagesPerChunk = Math.min(info.batchSize, Math.max(1, Math.floor(chunkRows / rowsPerImage)));
  const chunks = Math.ceil(info.batchSize / imagesPerChunk);
  const simd = canIm2colTransposedSimd(info) ? simdKernels(backend) : null;
  let colsT: TensorInfo | null = null;
  let dW: TensorInfo | null = null;
  try {
    colsT = allocF32(backend, [1, k, imagesPerChunk * rowsPerImage]);
    if (chunks > 1) dW = allocF32(backend, filterShape);
    for (let c = 0; c < chunks; c++) {
      const b0 = c * imagesPerChunk;
      const images = Math.min(imagesPerChunk, info.batchSize - b0);
      const rows = images * rowsPerImage;
      // A fresh right-hand side for every call (see matMulFresh).
      const dyChunk = allocF32(backend, [1, rows, co]);
      let part: TensorInfo | null = null;
      try {
        const chunkInfo = { ...info, batchSize: images };
        if (simd) {
          heapF32(backend, x); // dtype check
          im2colTransposedSimd(simd, pointerOf(backend, x) + b0 * xPerImage * 4, pointerOf(backend, colsT), chunkInfo);
        } else {
          const xs = heapF32(backend, x).subarray(b0 * xPerImage, (b0 + images) * xPerImage);
          im2colTransposed(xs, chunkInfo, heapF32(backend, colsT));
        }
        heapF32(backend, dyChunk).set(heapF32(backend, dy).subarray(b0 * rowsPerImage * co, (b0 + rows / rowsPerImage) * rowsPerImage * co));
        part = matMulFresh(backend, withShape(colsT, [1, k, rows]), dyChunk);
        if (dW == null) {
          const whole = withShape(part, filterShape);
          part = null;
          return whole;
        }
        const sum = heapF32(backend, dW);
        const add = heapF32(backend, part);
        if (c === 0) sum.set(add);
        else for (let i = 0; i < sum.length; i++) sum[i] += add[i];
      } finally {
        release(backend, dyChunk);
        release(backend, part);
      }
    }
    const out = dW!;
    dW = null;
    return out;
  } finally {
    release(backend, colsT);
    release(backend, dW);
  }
}

/** Whether directSingleChannel applies to this convolution (WebAssembly SIMD aside). */
export function isDirectSingleChannel(info: backend_util.Conv2DInfo): boolean {
  const { top, bottom, left, right } = info.padInfo;
  return (
    info.inChannels === 1 && info.filterHeight === 3 && info.filterWidth === 3 && info.strideHeight === 1 && info.strideWidth === 1 &&
    info.outChannels % 4 === 0 && info.outHeight === info.inHeight + top + bottom - 2 && info.outWidth === info.inWidth + left + right - 2 &&
    Math.min(top, bottom, left, right) >= 0
  );
}

/**
 * A first layer's filter gradient (3×3, one input channel, stride 1, output channels a multiple
 * of 4) with simd/kernels.wat's filterGrad3x3SingleChannel: 12.5 M multiply-adds at batch 64
 * that the matmul layouts spend mostly on transposes and packing (~10 → ~2 ms in Node). The
 * input is zero-padded into a scratch buffer first when the convolution pads. Null when it
 * does not apply. With `reluOutput` (the layer's output after its ReLU), dy is the gradient
 * of that output and the result is [dW, dBias] of the layer, the ReLU's mask applied on the
 * fly (see convReluFilterGrad.ts); else [dW].
 */
export function directSingleChannel(
  backend: BackendWasm,
  x: TensorInfo,
  dy: TensorInfo,
  info: backend_util.Conv2DInfo,
  filterShape: number[],
  reluOutput: TensorInfo | null = null,
): TensorInfo[] | null {
  const { top, bottom, left, right } = info.padInfo;
  const hp = info.inHeight + top + bottom;
  const wp = info.inWidth + left + right;
  const simd = isDirectSingleChannel(info) ? simdKernels(backend) : null;
  if (simd == null) return null;
  const padded = top + bottom + left + right > 0 ? allocF32(backend, [info.batchSize, hp, wp]) : null;
  const dW = allocF32(backend, filterShape);
  const dBias = reluOutput ? allocF32(backend, [info.outChannels]) : null;
  try {
    heapF32(backend, dy); // dtype check
    if (padded) {
      const src = heapF32(backend, x);
      const dst = heapF32(backend, padded);
      dst.fill(0);
      for (let b = 0; b < info.batchSize; b++) {
        for (let r = 0; r < info.inHeight; r++) {
          const from = (b * info.inHeight + r) * info.inWidth;
          dst.set(src.subarray(from, from + info.inWidth), (b * hp + r + top) * wp + left);
        }
      }
    } else {
      heapF32(backend, x);
    }
    if (reluOutput) heapF32(backend, reluOutput);
    splitSingleChannel(backend, padded ?? x, dy, reluOutput, dW, dBias, info, hp, wp);
    return dBias ? [dW, dBias] : [dW];
  } catch (e) {
    release(backend, dW);
    release(backend, dBias);
    throw e;
  } finally {
    release(backend, padded);
  }
}

/**
 * filterGrad3x3SingleChannel over blocks of images shared with the gemm helper where one runs
 * (split/): each block sums into its own dW [3, 3, Co] and dBias [Co] (the first into the
 * outputs, the others into scratch), added at the end. Default CNN: 12.5 M multiply-adds.
 */
function splitSingleChannel(
  backend: BackendWasm,
  xp: TensorInfo,
  dy: TensorInfo,
  y: TensorInfo | null,
  dW: TensorInfo,
  dBias: TensorInfo | null,
  info: backend_util.Conv2DInfo,
  hp: number,
  wp: number,
): void {
  const { batchSize: n, outChannels: co, outHeight: ho, outWidth: wo } = info;
  const shares = n * ho * wo * co * 9 >= MIN_SPLIT_MULTIPLY_ADDS ? gemmShares(backend, Math.min(n, SPLIT_BLOCKS), `filter grad 1 channel ${dy.shape}`) : 1;
  const partials: TensorInfo[] = [];
  try {
    const sums = [dW];
    const biasSums = [dBias];
    for (let share = 1; share < shares; share++) {
      sums.push(allocF32(backend, [9 * co]));
      partials.push(sums[share]);
      biasSums.push(dBias ? allocF32(backend, [co]) : null);
      if (dBias) partials.push(biasSums[share]!);
    }
    const [xPtr, dyPtr, yPtr] = [pointerOf(backend, xp), pointerOf(backend, dy), y ? pointerOf(backend, y) : 0];
    const dyPerImage = ho * wo * co * 4;
    runParts(backend, shares, (ops, share) => {
      const [lo, hi] = shareRange(n, shares, share);
      const bias = biasSums[share];
      ops.filterGrad3x3SingleChannel(xPtr + lo * hp * wp * 4, dyPtr + lo * dyPerImage, y ? yPtr + lo * dyPerImage : 0, pointerOf(backend, sums[share]), bias ? pointerOf(backend, bias) : 0, hi - lo, hp, wp, co);
    });
    for (let share = 1; share < shares; share++) {
      addInto(heapF32(backend, dW), heapF32(backend, sums[share]));
      if (dBias) addInto(heapF32(backend, dBias), heapF32(backend, biasSums[share]!));
    }
  } finally {
    for (const t of partials) release(backend, t);
  }
}

/** dWᵀ[Co, K] = dyᵀ[Co, M] · cols[M, K]; dW = transpose(dWᵀ). */
function viaDyT(
  backend: BackendWasm,
  x: TensorInfo,
  dy: TensorInfo,
  info: backend_util.Conv2DInfo,
  filterShape: number[],
): TensorInfo {
  const [m, k] = colsShape(info);
  const co = info.outChannels;
  let cols: TensorInfo | null = null;
  let dyT: TensorInfo | null = null;
  let dWT: TensorInfo | null = null;
  try {
    cols = allocF32(backend, [1, m, k]);
    im2col(heapF32(backend, x), info, heapF32(backend, cols));
    dyT = runWasmKernel(backend, 'Transpose', { x: withShape(dy, [m, co]) }, { perm: [1, 0] });
    dWT = matMulFresh(backend, withShape(dyT, [1, co, m]), cols);
    const dW = runWasmKernel(backend, 'Transpose', { x: withShape(dWT, [co, k]) }, { perm: [1, 0] });
    return withShape(dW, filterShape);
  } finally {
    release(backend, cols);
    release(backend, dyT);
    release(backend, dWT);
  }
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: ((args: Args) => conv2DBackpropFilterWasm(args)) as unknown as KernelFunc,
};
