/**
 * Activation extraction: every layer's output for one image, from the live model.
 * The whole forward pass runs in one tf.tidy and is read back with ONE async data()
 * call (all layers concatenated), so it is cheap on GPU backends and leaves no tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { applyLayer, inputShapeOf, linearPart } from './forward';
import { describeLayers, layerSize, type LayerInfo } from './layerInfo';

export interface LayerActivation {
  readonly layer: LayerInfo;
  /** The layer's output for the image, row-major in layer.outputShape ([h, w, c] channel-last, or [units]). */
  readonly values: Float32Array;
  /**
   * The output before the layer's activation function (conv + bias, or x·W + b), same
   * shape as values; null unless the layer is a conv/dense layer with a non-linear activation.
   */
  readonly preActivation: Float32Array | null;
}

export interface Activations {
  /** The input image as the network sees it: [h, w, c] floats in [0, 1]. */
  readonly input: Float32Array;
  readonly inputShape: readonly [number, number, number];
  readonly layers: readonly LayerActivation[];
}

/**
 * Runs `image` ([1, h, w, c], values in [0, 1]; not disposed here) through every layer of
 * a sequential model in inference mode and returns each layer's output. Allocates no
 * tensors that outlive the call.
 */
export async function extractActivations(model: tf.LayersModel, image: tf.Tensor4D): Promise<Activations> {
  const inputShape = inputShapeOf(model);
  if (image.shape[0] !== 1 || image.shape.slice(1).some((d, i) => d !== inputShape[i])) {
    throw new Error(`expected one image of shape [1, ${inputShape.join(', ')}], got [${image.shape.join(', ')}]`);
  }
  const infos = describeLayers(model);
  const hasPre: boolean[] = [];
  const packed = tf.tidy(() => {
    const outputs: tf.Tensor[] = [image];
    const pre: tf.Tensor[] = [];
    let x: tf.Tensor = image;
    for (const layer of model.layers) {
      const linear = linearPart(layer, x);
      hasPre.push(linear !== null);
      if (linear) pre.push(linear);
      x = applyLayer(layer, x);
      outputs.push(x);
    }
    return tf.concat([...outputs, ...pre].map((t) => t.reshape([-1])));
  });
  let flat: Float32Array;
  try {
    flat = (await packed.data()) as Float32Array;
  } finally {
    packed.dispose();
  }
  let offset = 0;
  const take = (n: number) => flat.subarray(offset, (offset += n));
  const input = take(inputShape[0] * inputShape[1] * inputShape[2]);
  const values = infos.map((info) => take(layerSize(info)));
  const layers = infos.map((info, i) => ({ layer: info, values: values[i], preActivation: hasPre[i] ? take(layerSize(info)) : null }));
  return { input, inputShape, layers };
}

/** Index of the largest value (e.g. the predicted class from the last layer's probabilities). */
export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
