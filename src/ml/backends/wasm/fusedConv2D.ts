/**
 * FusedConv2D for the wasm backend (a convolution with its bias and ReLU, as every Conv2D layer
 * with a ReLU trains through model/convBiasRelu.ts): a wrapper with a simd/gemm.wat path for
 * unpadded convolutions whose output channels are a multiple of 8 and whose filter rows are
 * ≥ 16 values long (Fw·Ci); any other call goes to the built-in XNNPACK kernel.
 *
 * Inputs:  x [N, H, W, Ci], filter [Fh, Fw, Ci, Co], bias [Co] (optional)
 * Attrs:   strides, pad (no padding here), activation 'linear' or 'relu', NHWC, dilation 1
 * Output:  y [N, Ho, Wo, Co] = act(conv2d(x, filter) + bias)
 *
 * For a fixed filter row fr, the Fw·Ci values a row of output pixels reads lie side by side in
 * x (NHWC), and W[fr] is a [Fw·Ci, Co] matrix: so each output row is Fh products, the first
 * starting from the bias, the last clamping at 0. Default CNN's second layer (Node, one thread,
 * CPU time): ~11.8 ms with XNNPACK, ~8 here with fused multiply-adds.
 */
import { FusedConv2D, type FusedConv2DAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { wrapsBuiltin } from './builtinKernel';
import { GEMM_ACCUMULATE, GEMM_BIAS, GEMM_ZERO, gemmKernels } from './simd/gemmKernels';
import { pointerOf } from './simd/simdKernels';
import { gemmShares, MIN_SPLIT_MULTIPLY_ADDS, runParts, shareRange, SPLIT_BLOCKS } from './split/twoThreads';
import { allocF32, type BackendWasm, convInfoNhwc, heapF32, release } from './wasmBackendAccess';

interface Args {
  inputs: { x: TensorInfo; filter: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
  backend: BackendWasm;
  attrs: FusedConv2DAttrs;
}

const builtin = wrapsBuiltin({ kernelName: FusedConv2D, backendName: 'wasm', kernelFunc: fusedConv2DWasm as unknown as KernelFunc });

/** Shortest filter row (Fw·Ci values) worth a gemm.wat call per output row and filter row. */
const MIN_ROW_VALUES = 16;

export function fusedConv2DWasm(args: Args): TensorInfo {
  return viaGemm(args) ?? builtin.call(args);
}

function viaGemm({ inputs, backend, attrs }: Args): TensorInfo | null {
  const { x, filter, bias, preluActivationWeights } = inputs;
  const { strides, pad, dilations, dataFormat, dimRoundingMode, activation } = attrs;
  if (preluActivationWeights != null || (activation !== 'linear' && activation !== 'relu')) return null;
  if (dataFormat !== 'NHWC' || x.dtype !== 'float32' || filter.dtype !== 'float32' || (bias != null && bias.dtype !== 'float32')) return null;
  const [dh, dw] = typeof dilations === 'number' ? [dilations, dilations] : (dilations ?? [1, 1]);
  if (dh !== 1 || dw !== 1) return null;
  const info = convInfoNhwc(x.shape, filter.shape, strides, pad, dimRoundingMode);
  const { top, bottom, left, right } = info.padInfo;
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outHeight: ho, outWidth: wo, outChannels: co } = info;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  if (top + bottom + left + right !== 0 || co % 8 !== 0 || fw * ci < MIN_ROW_VALUES || n * ho * wo === 0) return null;
  if (bias != null && (bias.shape.length !== 1 || bias.shape[0] !== co)) return null;
  if (gemmKernels(backend) == null) return null;
  const y = allocF32(backend, info.outShape);
  try {
    heapF32(backend, x); // dtype checks
    heapF32(backend, filter);
    const xPtr = pointerOf(backend, x);
    const wPtr = pointerOf(backend, filter);
    const yPtr = pointerOf(backend, y);
    const biasPtr = bias != null ? pointerOf(backend, bias) : 0;
    const relu = activation === 'relu' ? 1 : 0;
    const rowValues = fw * ci;
    // Blocks of images shared by the engine's thread and the gemm helper where one runs (split/).
    const shares = n * ho * wo * co * fh * rowValues >= MIN_SPLIT_MULTIPLY_ADDS ? gemmShares(backend, Math.min(n, SPLIT_BLOCKS), `conv ${x.shape} ${filter.shape}`) : 1;
    runParts(backend, shares, (ops, share) => {
      const [lo, hi] = shareRange(n, shares, share);
      for (let img = lo; img < hi; img++) {
        for (let oh = 0; oh < ho; oh++) {
          const c = yPtr + (img * ho + oh) * wo * co * 4;
          for (let fr = 0; fr < fh; fr++) {
            const a = xPtr + ((img * h + oh * sh + fr) * w) * ci * 4;
            const mode = fr > 0 ? GEMM_ACCUMULATE : bias != null ? GEMM_BIAS : GEMM_ZERO;
            ops.gemm(a, sw * ci, wPtr + fr * rowValues * co * 4, co, c, co, wo, co, rowValues, mode, biasPtr, fr === fh - 1 ? relu : 0);
          }
        }
      }
    });
    return y;
  } catch (e) {
    release(backend, y);
    throw e;
  }
}

export const fusedConv2DConfig: KernelConfig = builtin.wrapperConfig();
