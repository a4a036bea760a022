/**
 * A convolution layer's learned filters (kernels), read from the live weights.
 * The variables are cloned (sharing their data) before the async read, so an optimizer
 * step that replaces the weights meanwhile cannot free the data being read.
 */
import * as tf from '@tensorflow/tfjs';

export interface ConvFilters {
  readonly layerName: string;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly inChannels: number;
  readonly outChannels: number;
  /** All weights in tfjs's kernel layout [kh, kw, in, out], row-major. */
  readonly weights: Float32Array;
  /** One bias per output channel (filter), or null if the layer has none. */
  readonly bias: Float32Array | null;
}

/** Reads the kernel (and bias) of the Conv2D layer `layerName`. */
export async function readConvFilters(model: tf.LayersModel, layerName: string): Promise<ConvFilters> {
  const layer = model.getLayer(layerName);
  if (layer.getClassName() !== 'Conv2D') throw new Error(`${layerName} is a ${layer.getClassName()}, not a convolution`);
  const [kernelVar, biasVar] = layer.getWeights();
  const [kh, kw, inChannels, outChannels] = kernelVar.shape;
  const kernel = kernelVar.clone();
  const bias = biasVar?.clone() ?? null;
  try {
    const [weights, biasValues] = await Promise.all([kernel.data(), bias ? bias.data() : Promise.resolve(null)]);
    return {
      layerName,
      kernelHeight: kh,
      kernelWidth: kw,
      inChannels,
      outChannels,
      weights: weights as Float32Array,
      bias: biasValues as Float32Array | null,
    };
  } finally {
    kernel.dispose();
    bias?.dispose();
  }
}

/** The kh×kw slice of filter `out` applied to input channel `inChannel`, row-major. */
export function filterSlice(filters: ConvFilters, out: number, inChannel: number): Float32Array {
  const { kernelHeight: kh, kernelWidth: kw, inChannels, outChannels, weights } = filters;
  if (out < 0 || out >= outChannels || inChannel < 0 || inChannel >= inChannels) {
    throw new RangeError(`no filter ${out} / input channel ${inChannel} in ${filters.layerName}`);
  }
  const slice = new Float32Array(kh * kw);
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) slice[y * kw + x] = weights[((y * kw + x) * inChannels + inChannel) * outChannels + out];
  }
  return slice;
}

/** Names of the model's Conv2D layers, in order. */
export function convLayerNames(model: tf.LayersModel): string[] {
  return model.layers.filter((l) => l.getClassName() === 'Conv2D').map((l) => l.name);
}
