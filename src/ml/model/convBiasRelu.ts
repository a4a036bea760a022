/**
 * A Conv2D layer's convolution, bias and ReLU as one kernel while training.
 *
 * Under a gradient tape tfjs-core fuses only linear activations (fused_util's shouldFuse),
 * so a Keras-style `conv2d(..., activation: 'relu')` trains as Conv2D, then Add (the bias),
 * then Relu: two extra passes over the layer's whole output. Every backend's FusedConv2D
 * does all three in one pass (XNNPACK clamps its output in place on WASM). Measured in the
 * browser, WASM, 2 threads, default CNN at batch 64: the first layer's Add and Relu took
 * ~3.6 ms and the second's ~1.6 ms of an ~87 ms step.
 *
 * The op here is its own kernel name, registered for every backend as a call to that
 * backend's FusedConv2D, with its own registered gradient. (tf.customGrad would compute
 * every input's gradient eagerly, including the first layer's input gradient that nothing
 * needs; a registered gradient hands tfjs-core one function per input.) The gradient is
 * the one of conv2d + bias + relu: the output's gradient masked by y > 0 (the same mask as
 * x > 0 for a ReLU), then Conv2D's two gradient kernels and a per-channel sum; for a first
 * layer on wasm one kernel gives the filter and bias gradients without the masked copy
 * (backends/wasm/convReluFilterGrad.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { CONV_RELU_FILTER_GRAD, convReluFilterGradApplies } from '../backends/wasm/convReluFilterGrad';
import { reluBackward } from '../backends/wasm/reluGrad';

export const CONV_BIAS_RELU = 'FashionPlaygroundConvBiasRelu';
const BACKENDS = ['cpu', 'webgl', 'webgpu', 'wasm'];

export interface ConvBiasReluAttrs {
  readonly strides: [number, number];
  readonly pad: 'valid' | 'same';
}

let registered = false;

function register(): void {
  if (registered) return;
  registered = true;
  for (const backendName of BACKENDS) {
    if (tf.getKernel(CONV_BIAS_RELU, backendName) != null) continue;
    tf.registerKernel({
      kernelName: CONV_BIAS_RELU,
      backendName,
      // Looked up on each call: a backend may register its kernels after this module ran.
      kernelFunc: ({ inputs, backend, attrs }) => {
        const fused = tf.getKernel(tf.FusedConv2D, backendName);
        if (fused == null) throw new Error(`${backendName} has no ${tf.FusedConv2D} kernel`);
        return fused.kernelFunc({ inputs, backend, attrs: { ...attrs, ...fusedAttrs(attrs as unknown as ConvBiasReluAttrs) } });
      },
    });
  }
  tf.registerGradient({
    kernelName: CONV_BIAS_RELU,
    inputsToSave: ['x', 'filter'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter, y] = saved;
      const { strides, pad } = attrs as unknown as ConvBiasReluAttrs;
      const convAttrs = { strides, pad, dataFormat: 'NHWC' };
      // A first layer on wasm: filter and bias gradients in one pass that masks as it reads.
      // Tensors made here, not in the per-input functions below (each runs in its own scope),
      // live until the end of the backward pass, which frees whichever is not asked for.
      const filterGradAttrs = { strides, pad, filterShape: filter.shape };
      const fused = convReluFilterGradApplies(x.shape, filterGradAttrs)
        ? (tf.engine().runKernel(CONV_RELU_FILTER_GRAD, { x, dy: dy as tf.Tensor, y }, { ...filterGradAttrs }) as tf.Tensor[])
        : null;
      // Otherwise dy masked by the ReLU once, for all three.
      const masked = fused ? null : reluBackward(dy as tf.Tensor, y);
      const dyRelu = () => masked ?? reluBackward(dy as tf.Tensor, y);
      return {
        x: () => tf.engine().runKernel(tf.Conv2DBackpropInput, { dy: dyRelu(), filter }, { ...convAttrs, inputShape: x.shape }) as tf.Tensor,
        filter: () => fused?.[0] ?? (tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy: dyRelu() }, { ...convAttrs, filterShape: filter.shape }) as tf.Tensor),
        bias: () => fused?.[1] ?? tf.sum(dyRelu(), [0, 1, 2]),
      };
    },
  });
}

function fusedAttrs({ strides, pad }: ConvBiasReluAttrs) {
  return { strides, pad, dataFormat: 'NHWC', dilations: [1, 1], activation: 'relu' } as const;
}

/**
 * relu(conv2d(x, filter) + bias), NHWC, dilation 1.
 * x [batch, h, w, inChannels] float32; filter [fh, fw, inChannels, outChannels]; bias
 * [outChannels]; returns [batch, h', w', outChannels], every value ≥ 0.
 */
export function convBiasRelu(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D, attrs: ConvBiasReluAttrs): tf.Tensor4D {
  register();
  return tf.engine().runKernel(CONV_BIAS_RELU, { x, filter, bias }, { ...attrs }) as tf.Tensor4D;
}

interface ConvLayerOptions {
  readonly strides: number;
  readonly padding: 'valid' | 'same';
}

/**
 * Makes a freshly built Conv2D layer with a ReLU, a bias and channels-last data (what
 * buildModel makes) call convBiasRelu. Its weights, config and saved form are unchanged:
 * a saved model loads as a plain Conv2D.
 */
export function fuseConvBiasRelu(layer: tf.layers.Layer, options: ConvLayerOptions): tf.layers.Layer {
  const attrs: ConvBiasReluAttrs = { strides: [options.strides, options.strides], pad: options.padding };
  layer.call = (inputs) =>
    tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      // weights: [kernel, bias] (trainableWeights is empty for a frozen layer).
      const [kernel, bias] = layer.weights;
      return convBiasRelu(x, kernel.read() as tf.Tensor4D, bias.read() as tf.Tensor1D, attrs);
    });
  return layer;
}
