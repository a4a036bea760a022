/**
 * The filter and bias gradients of a network's first convolution with a ReLU, in one SIMD
 * pass on wasm (taken by model/convBiasRelu.ts's gradient).
 *
 * Inputs:  x  [N, H, W, 1]      the convolution's input
 *          dy [N, Ho, Wo, Co]   gradient of the loss w.r.t. the ReLU's output
 *          y  [N, Ho, Wo, Co]   the ReLU's output
 * Attrs:   strides, pad, filterShape [3, 3, 1, Co]
 * Outputs: dW [3, 3, 1, Co], dBias [Co], both of relu(conv2d(x, W) + bias)
 *
 * Unfused, the ReLU's mask is one pass over the layer's largest tensor (64×26×26×32 floats for
 * the default CNN), the bias gradient another, then the filter gradient reads the masked copy.
 * Here the filter-gradient kernel masks dy by y > 0 as it reads it and sums the bias gradient
 * alongside (browser, WASM: ReluGrad ~1.2 ms and Sum ~0.9 ms of a step). The input gradient,
 * which a first layer does not need, is not computed.
 */
import { type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { directSingleChannel, isDirectSingleChannel } from './conv2DBackpropFilter';
import { activeBackendHasSimd } from './simd/simdKernels';
import { type BackendWasm, convInfoNhwc } from './wasmBackendAccess';

export const CONV_RELU_FILTER_GRAD = 'FashionPlaygroundConvReluFilterGrad';

export interface ConvReluFilterGradAttrs {
  readonly strides: [number, number];
  readonly pad: 'valid' | 'same';
  readonly filterShape: number[];
}

/** Whether the active backend runs CONV_RELU_FILTER_GRAD for this convolution. */
export function convReluFilterGradApplies(xShape: number[], attrs: ConvReluFilterGradAttrs): boolean {
  return activeBackendHasSimd() && isDirectSingleChannel(convInfoNhwc(xShape, attrs.filterShape, attrs.strides, attrs.pad, undefined));
}

interface Args {
  inputs: { x: TensorInfo; dy: TensorInfo; y: TensorInfo };
  backend: BackendWasm;
  attrs: ConvReluFilterGradAttrs;
}

export function convReluFilterGradWasm({ inputs, backend, attrs }: Args): TensorInfo[] {
  const { x, dy, y } = inputs;
  const info = convInfoNhwc(x.shape, attrs.filterShape, attrs.strides, attrs.pad, undefined);
  const outShape = info.outShape.join();
  if (dy.shape.join() !== outShape || y.shape.join() !== outShape) {
    throw new Error(`${CONV_RELU_FILTER_GRAD}: dy [${dy.shape}] and y [${y.shape}] must both be [${outShape}]`);
  }
  const grads = directSingleChannel(backend, x, dy, info, attrs.filterShape, y);
  if (grads == null) throw new Error(`${CONV_RELU_FILTER_GRAD} needs a 3×3 filter, one input channel, stride 1 and WebAssembly SIMD`);
  return grads;
}

export const convReluFilterGradConfig: KernelConfig = {
  kernelName: CONV_RELU_FILTER_GRAD,
  backendName: 'wasm',
  kernelFunc: convReluFilterGradWasm as unknown as KernelFunc,
};
