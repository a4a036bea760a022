/**
 * A convolution layer's learned filters (kernels), read from the live weights.
 * The variables are cloned (sharing their data) before the async read, so an optimizer
 * step that replaces the weights meanwhile cannot free the data being read.
 */
import * as tf from '@tensorflow/tfjs';
import type { ConvFilters } from './convFilters';

export type { ConvFilters };

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

/** Names of the model's Conv2D layers, in order. */
export function convLayerNames(model: tf.LayersModel): string[] {
  return model.layers.filter((l) => l.getClassName() === 'Conv2D').map((l) => l.name);
}
