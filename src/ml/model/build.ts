/** ModelSpec -> tf.LayersModel, and the optimizer it trains with. */
import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../constants';
import type { LayerSpec, ModelSpec, OptimizerName } from './spec';

/** The first layer carries the input shape, so the summary lists only real layers. */
const INPUT_SHAPE = [IMAGE_SIZE, IMAGE_SIZE, 1];

function toLayer(spec: LayerSpec, index: number): tf.layers.Layer {
  const name = `${spec.type}_${index + 1}`;
  const inputShape = index === 0 ? INPUT_SHAPE : undefined;
  switch (spec.type) {
    case 'conv2d':
      return tf.layers.conv2d({
        name,
        inputShape,
        filters: spec.filters,
        kernelSize: spec.kernelSize,
        strides: spec.strides,
        padding: spec.padding,
        activation: spec.activation,
        kernelInitializer: 'heNormal',
      });
    case 'maxPool2d':
      return tf.layers.maxPooling2d({ name, inputShape, poolSize: spec.poolSize, strides: spec.strides, padding: spec.padding });
    case 'avgPool2d':
      return tf.layers.averagePooling2d({ name, inputShape, poolSize: spec.poolSize, strides: spec.strides, padding: spec.padding });
    case 'dense':
      return tf.layers.dense({ name, inputShape, units: spec.units, activation: spec.activation, kernelInitializer: spec.activation === 'relu' ? 'heNormal' : 'glorotUniform' });
    case 'dropout':
      return tf.layers.dropout({ name, inputShape, rate: spec.rate });
    case 'flatten':
      return tf.layers.flatten({ name, inputShape });
    case 'globalAvgPool2d':
      return tf.layers.globalAveragePooling2d({ name, inputShape });
    case 'batchNorm':
      return tf.layers.batchNormalization({ name, inputShape });
  }
}

/**
 * Builds a Sequential model taking [batch, 28, 28, 1] floats in [0, 1] and returning
 * [batch, 10] class probabilities (the last layer's softmax).
 */
export function buildModel(spec: ModelSpec): tf.Sequential {
  const model = tf.sequential({ name: 'fashion_cnn' });
  spec.layers.forEach((layer, i) => model.add(toLayer(layer, i)));
  return model;
}

export function createOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  switch (name) {
    case 'adam':
      return tf.train.adam(learningRate);
    case 'sgd':
      return tf.train.momentum(learningRate, 0.9);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate);
    case 'adagrad':
      return tf.train.adagrad(learningRate);
  }
}

/** Total trainable + non-trainable parameter count. */
export function countParams(model: tf.LayersModel): number {
  return model.countParams();
}
