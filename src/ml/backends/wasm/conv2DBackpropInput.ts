/**
 * Conv2DBackpropInput for the wasm backend, replacing the built-in one: that
 * one is correct but a scalar C++ loop, 97 ms for a 3x3 conv 32 -> 64
 * channels on a 64x13x13 batch, against 13 ms here.
 *
 * Inputs:  dy     [N, Ho, Wo, Co]  gradient w.r.t. the convolution's output
 *          filter [Fh, Fw, Ci, Co]
 * Attrs:   strides, pad ('same' | 'valid' | number | explicit), inputShape
 *          [N, H, W, Ci], dataFormat 'NHWC' only, dilation 1 only.
 * Output:  dx [N, H, W, Ci]
 *
 * Stride 1 with >= 2 input channels (the common case): a "full" convolution
 * with the wasm backend's own XNNPACK Conv2D, dx = conv2d(dy, W', explicit
 * pad Fh-1-padTop, Fh-1-padBottom, Fw-1-padLeft, Fw-1-padRight) with
 * W'[fr, fc, co, ci] = W[Fh-1-fr, Fw-1-fc, ci, co] (rotated 180°, in/out
 * channels swapped).
 * Otherwise (stride 2, or a single input channel), with M = N*Ho*Wo and K = Fh*Fw*Ci (see im2col.ts):
 *   cols[M, K] = dy[M, Co] · Wᵀ[Co, K]     (XNNPACK matmul, Wᵀ freshly made)
 *   dx         = col2im(cols)              (JS loop over the wasm heap)
 * 'gemm' (the default where simd/gemm.wat runs and Ci is a multiple of 8, any stride and
 * padding): filter tap by filter tap, each output row's dy rows times that tap's Wᵀ [Co, Ci]
 * added into the dx pixels they were read from, no zero-padded work and no col2im buffer:
 * default CNN's second layer (Node, one thread, CPU time) ~15.7 ms → ~9 with fused multiply-adds.
 */
import {
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type backend_util,
} from '@tensorflow/tfjs';
import { col2im, colsShape } from './im2col';
import { GEMM_ACCUMULATE, GEMM_ZERO, gemmKernels } from './simd/gemmKernels';
import { pointerOf } from './simd/simdKernels';
import { gemmShares, MIN_SPLIT_MULTIPLY_ADDS, runParts, shareRange, SPLIT_BLOCKS } from './split/twoThreads';
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
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropInputAttrs & { dilations?: number | [number, number] };
}

export type InputGradStrategy = 'auto' | 'conv' | 'col2im' | 'gemm';

export function conv2DBackpropInputWasm(
  { inputs, backend, attrs }: Args,
  strategy: InputGradStrategy = 'auto',
): TensorInfo {
  const { dy, filter } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  assertNhwcNoDilation(Conv2DBackpropInput, dataFormat, attrs.dilations);
  const info = convInfoNhwc(inputShape, filter.shape, strides, pad, dimRoundingMode);
  if (dy.shape.join() !== info.outShape.join()) {
    throw new Error(`${Conv2DBackpropInput}: dy shape [${dy.shape}] does not match [${info.outShape}]`);
  }
  const [m, k] = colsShape(info);
  const co = info.outChannels;
  if (m > 0 && k > 0 && co > 0 && (strategy === 'gemm' || strategy === 'auto')) {
    const viaGemm = viaGemmTaps(backend, dy, filter, info);
    if (viaGemm != null) return viaGemm;
    if (strategy === 'gemm') throw new Error(`${Conv2DBackpropInput}: 'gemm' needs input channels a multiple of 8 and WebAssembly SIMD`);
  }
  const fullPad = fullConvPadding(info);
  // Measured: the full convolution wins from 2-3 input channels up (13 vs
  // 17 ms for 64x13x13x32 -> 64), col2im for a single one (3 vs 7 ms).
  const preferConv = strategy === 'conv' || (strategy === 'auto' && info.inChannels >= 2);
  if (m > 0 && k > 0 && co > 0 && preferConv && fullPad != null) {
    return viaFullConv(backend, dy, filter, info, fullPad);
  }
  if (strategy === 'conv') {
    throw new Error(`${Conv2DBackpropInput}: 'conv' strategy needs stride 1 and padding < filter size`);
  }

  const dx = allocF32(backend, [...inputShape]);
  let wT: TensorInfo | null = null;
  let cols: TensorInfo | null = null;
  try {
    if (m === 0 || k === 0 || co === 0) {
      heapF32(backend, dx).fill(0);
      return dx;
    }
    heapF32(backend, dy); // dtype check before any work
    wT = runWasmKernel(backend, 'Transpose', { x: withShape(filter, [k, co]) }, { perm: [1, 0] });
    cols = matMulFresh(backend, withShape(dy, [1, m, co]), withShape(wT, [1, co, k]));
    col2im(heapF32(backend, cols), info, heapF32(backend, dx));
    return dx;
  } catch (e) {
    release(backend, dx);
    throw e;
  } finally {
    release(backend, wT);
    release(backend, cols);
  }
}

/**
 * dx[n, oh·sh − top + fr, ow·sw − left + fc, :] += dy[n, oh, ow, :] · W[fr, fc]ᵀ for every filter
 * tap (fr, fc), as gemm.wat products of one dy row's in-image pixels [wo', Co] by the tap's
 * Wᵀ [Co, Ci] (transposed once here), added into dx pixels sw·Ci floats apart. Null where it
 * does not apply (Ci not a multiple of 8, no WebAssembly SIMD).
 */
function viaGemmTaps(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo | null {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outHeight: ho, outWidth: wo, outChannels: co } = info;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  if (ci % 8 !== 0 || gemmKernels(backend) == null) return null;
  const dx = allocF32(backend, [n, h, w, ci]);
  let wT: TensorInfo | null = null;
  try {
    wT = allocF32(backend, [fh, fw, co, ci]);
    const src = heapF32(backend, filter);
    const dst = heapF32(backend, wT);
    for (let tap = 0; tap < fh * fw; tap++) {
      const base = tap * ci * co;
      for (let j = 0; j < co; j++) for (let i = 0; i < ci; i++) dst[base + j * ci + i] = src[base + i * co + j];
    }
    heapF32(backend, dy); // dtype check
    const dyPtr = pointerOf(backend, dy);
    const dxPtr = pointerOf(backend, dx);
    const wTPtr = pointerOf(backend, wT);
    // Blocks of images shared by the engine's thread and the gemm helper where one runs (split/):
    // each block zeroes its own images' dx (a product with k = 0), then adds into them only.
    const shares = n * ho * wo * fh * fw * ci * co >= MIN_SPLIT_MULTIPLY_ADDS ? gemmShares(backend, Math.min(n, SPLIT_BLOCKS), `input grad ${dy.shape} ${filter.shape}`) : 1;
    runParts(backend, shares, (ops, share) => {
      const [lo, hi] = shareRange(n, shares, share);
      for (let img = lo; img < hi; img++) ops.gemm(0, 0, 0, 0, dxPtr + img * h * w * ci * 4, ci, h * w, ci, 0, GEMM_ZERO, 0, 0);
      for (let fc = 0; fc < fw; fc++) {
        // Output columns whose input column ow·sw − left + fc lies in [0, w), as in im2col.ts.
        const owLo = Math.min(wo, Math.max(0, Math.ceil((left - fc) / sw)));
        const owHi = Math.max(owLo, Math.min(wo, Math.floor((w - 1 + left - fc) / sw) + 1));
        if (owHi <= owLo) continue;
        const iwLo = owLo * sw - left + fc;
        for (let fr = 0; fr < fh; fr++) {
          const b = wTPtr + (fr * fw + fc) * co * ci * 4;
          for (let img = lo; img < hi; img++) {
            for (let oh = 0; oh < ho; oh++) {
              const ih = oh * sh - top + fr;
              if (ih < 0 || ih >= h) continue;
              const a = dyPtr + ((img * ho + oh) * wo + owLo) * co * 4;
              const c = dxPtr + ((img * h + ih) * w + iwLo) * ci * 4;
              ops.gemm(a, co, b, ci, c, sw * ci, owHi - owLo, ci, co, GEMM_ACCUMULATE, 0, 0);
            }
          }
        }
      }
    });
    return dx;
  } catch (e) {
    release(backend, dx);
    throw e;
  } finally {
    release(backend, wT);
  }
}

/** Padding of dy that turns dx into a stride-1 convolution, or null. */
function fullConvPadding(info: backend_util.Conv2DInfo): backend_util.ExplicitPadding | null {
  if (info.strideHeight !== 1 || info.strideWidth !== 1) return null;
  const { top, bottom, left, right } = info.padInfo;
  const pads = [
    info.filterHeight - 1 - top,
    info.filterHeight - 1 - bottom,
    info.filterWidth - 1 - left,
    info.filterWidth - 1 - right,
  ];
  if (pads.some((p) => p < 0)) return null;
  return [
    [0, 0],
    [pads[0], pads[1]],
    [pads[2], pads[3]],
    [0, 0],
  ];
}

/** dx = conv2d(dy, rot180(W) with Ci/Co swapped), stride 1, explicit padding. */
function viaFullConv(
  backend: BackendWasm,
  dy: TensorInfo,
  filter: TensorInfo,
  info: backend_util.Conv2DInfo,
  pad: backend_util.ExplicitPadding,
): TensorInfo {
  const { filterHeight: fh, filterWidth: fw, inChannels: ci, outChannels: co } = info;
  let flipped: TensorInfo | null = null;
  try {
    flipped = allocF32(backend, [fh, fw, co, ci]);
    const w = heapF32(backend, filter);
    const out = heapF32(backend, flipped);
    let o = 0;
    for (let r = 0; r < fh; r++) {
      for (let c = 0; c < fw; c++) {
        const src = ((fh - 1 - r) * fw + (fw - 1 - c)) * ci * co;
        for (let j = 0; j < co; j++) {
          for (let i = 0; i < ci; i++) out[o++] = w[src + i * co + j];
        }
      }
    }
    heapF32(backend, dy); // dtype check
    return runWasmKernel(
      backend,
      'Conv2D',
      { x: dy, filter: flipped },
      { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 },
    );
  } finally {
    release(backend, flipped);
  }
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: ((args: Args) => conv2DBackpropInputWasm(args)) as unknown as KernelFunc,
};
