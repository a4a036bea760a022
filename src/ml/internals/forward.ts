/**
 * Forward passes layer by layer through a sequential model's own layers (so they use
 * the live, training weights), with access to what happens inside a layer: the linear
 * part of a convolution or dense layer before its activation function.
 * All functions here create tensors: call them inside tf.tidy or tf.grad.
 */
import * as tf from '@tensorflow/tfjs';

type Config = Record<string, unknown>;

function pairOf(value: unknown, fallback: number): [number, number] {
  if (typeof value === 'number') return [value, value];
  if (Array.isArray(value) && value.length === 2) return [Number(value[0]), Number(value[1])];
  return [fallback, fallback];
}

/** Applies one layer in inference mode (dropout off, batch norm on its moving statistics). */
export function applyLayer(layer: tf.layers.Layer, x: tf.Tensor): tf.Tensor {
  return layer.apply(x, { training: false }) as tf.Tensor;
}

/**
 * The layer's output before its activation function, or null when that is the output
 * itself (linear activation) or the layer has no such part.
 * Conv2D: conv(x, kernel) + bias, [1, h, w, filters] (any sign; ReLU then zeroes negatives).
 * Dense: x·W + b, [1, units] (for the softmax layer these are the class scores, "logits").
 */
export function linearPart(layer: tf.layers.Layer, x: tf.Tensor): tf.Tensor | null {
  const config = layer.getConfig() as Config;
  if (config.activation === undefined || config.activation === 'linear') return null;
  const [kernel, bias] = layer.getWeights();
  const withBias = (y: tf.Tensor) => (config.useBias === false || !bias ? y : tf.add(y, bias));
  switch (layer.getClassName()) {
    case 'Conv2D': {
      if (config.dataFormat === 'channelsFirst') return null;
      const padding = config.padding === 'same' ? 'same' : 'valid';
      return withBias(tf.conv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, pairOf(config.strides, 1), padding, 'NHWC', pairOf(config.dilationRate, 1)));
    }
    case 'Dense':
      return x.rank === 2 ? withBias(tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D)) : null;
    default:
      return null;
  }
}

/**
 * The score of one class for a batch of one: the last layer's output before softmax
 * (its logit), as a scalar. Both Grad-CAM and gradient saliency differentiate this score,
 * not the probability, so other classes' scores do not leak into the map.
 * `layers` are the remaining layers to run on `x` (the last one producing class outputs).
 */
export function classScore(layers: readonly tf.layers.Layer[], x: tf.Tensor, classIndex: number): tf.Scalar {
  let h = x;
  for (const layer of layers.slice(0, -1)) h = applyLayer(layer, h);
  const last = layers[layers.length - 1];
  const scores = linearPart(last, h) ?? applyLayer(last, h);
  const classes = scores.shape[scores.rank - 1] ?? 0;
  if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= classes) {
    throw new RangeError(`class ${classIndex} is not one of the model's ${classes} classes`);
  }
  return tf.sum(tf.slice(scores.reshape([-1, classes]), [0, classIndex], [1, 1]));
}

/** Number of classes the model outputs (last dimension of its output). */
export function classCount(model: tf.LayersModel): number {
  const shape = model.outputs[0].shape;
  return shape[shape.length - 1] ?? 0;
}

/** Throws a clear RangeError unless `classIndex` is one of the model's classes (check before tf.grad: a throw inside it leaks). */
export function checkClassIndex(model: tf.LayersModel, classIndex: number): void {
  const classes = classCount(model);
  if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= classes) {
    throw new RangeError(`class ${classIndex} is not one of the model's ${classes} classes`);
  }
}

/** Index of the last Conv2D layer, or -1 if the model has none. */
export function lastConvIndex(model: tf.LayersModel): number {
  for (let i = model.layers.length - 1; i >= 0; i--) if (model.layers[i].getClassName() === 'Conv2D') return i;
  return -1;
}

/** The model's input size [height, width, channels]. */
export function inputShapeOf(model: tf.LayersModel): [number, number, number] {
  const shape = model.inputs[0].shape;
  if (shape.length !== 4) throw new Error(`expected an image input [batch, h, w, c], the model takes ${JSON.stringify(shape)}`);
  return [shape[1] ?? 0, shape[2] ?? 0, shape[3] ?? 0];
}
