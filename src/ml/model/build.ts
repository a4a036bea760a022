/** ModelSpec -> tf.LayersModel, and the optimizer it trains with. */
import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../constants';
import { analyzeModel, layerName, listProblems } from './analyze';
import { fuseBatchNormTraining } from './batchNormTraining';
import { fuseConvBiasRelu } from './convBiasRelu';
import { FusedAdamOptimizer } from './fusedAdam';
import { SeededDropout } from './seededDropout';
import { deriveSeed, SEED_STREAM } from './seeds';
import type { LayerSpec, ModelSpec, OptimizerName } from './spec';

/** The first layer carries the input shape, so the summary lists only real layers. */
const INPUT_SHAPE = [IMAGE_SIZE, IMAGE_SIZE, 1];
export const BATCH_NORM_MOMENTUM = 0.9;

export interface BuildOptions {
  /**
   * Seeds the initial weights and dropout masks (each layer gets its own derived seed):
   * the same seed and spec give the same model. Without it tfjs draws them at random.
   */
  readonly seed?: number;
}

function toLayer(spec: LayerSpec, index: number, seed: number | undefined): tf.layers.Layer {
  const name = layerName(spec, index);
  const inputShape = index === 0 ? INPUT_SHAPE : undefined;
  const layerSeed = (stream: number) => (seed === undefined ? undefined : deriveSeed(seed, stream, index));
  const heNormal = () => tf.initializers.heNormal({ seed: layerSeed(SEED_STREAM.weights) });
  switch (spec.type) {
    case 'conv2d': {
      const layer = tf.layers.conv2d({
        name,
        inputShape,
        filters: spec.filters,
        kernelSize: spec.kernelSize,
        strides: spec.strides,
        padding: spec.padding,
        activation: spec.activation,
        kernelInitializer: heNormal(),
      });
      // One kernel for convolution, bias and ReLU while training (see convBiasRelu.ts).
      return spec.activation === 'relu' ? fuseConvBiasRelu(layer, spec) : layer;
    }
    case 'maxPool2d':
      return tf.layers.maxPooling2d({ name, inputShape, poolSize: spec.poolSize, strides: spec.strides, padding: spec.padding });
    case 'avgPool2d':
      return tf.layers.averagePooling2d({ name, inputShape, poolSize: spec.poolSize, strides: spec.strides, padding: spec.padding });
    case 'dense':
      return tf.layers.dense({
        name,
        inputShape,
        units: spec.units,
        activation: spec.activation,
        kernelInitializer: spec.activation === 'relu' ? heNormal() : tf.initializers.glorotUniform({ seed: layerSeed(SEED_STREAM.weights) }),
      });
    case 'dropout':
      return new SeededDropout({ name, inputShape, rate: spec.rate, seed: layerSeed(SEED_STREAM.dropout) });
    case 'flatten':
      return tf.layers.flatten({ name, inputShape });
    case 'globalAvgPool2d':
      return tf.layers.globalAveragePooling2d({ name, inputShape });
    case 'batchNorm':
      // Momentum 0.9 rather than Keras's 0.99: the moving statistics used at test time settle
      // within tens of batches, so short browser runs are not judged on barely-updated ones.
      // One kernel each way while training on wasm (see batchNormTraining.ts).
      return fuseBatchNormTraining(tf.layers.batchNormalization({ name, inputShape, momentum: BATCH_NORM_MOMENTUM }));
  }
}

/**
 * Builds a Sequential model taking [batch, 28, 28, 1] floats in [0, 1] and returning
 * [batch, 10] class probabilities (the last layer's softmax). Throws, listing the
 * problems, if the spec is not a valid network (see analyzeModel).
 */
export function buildModel(spec: Pick<ModelSpec, 'layers'>, options: BuildOptions = {}): tf.Sequential {
  const analysis = analyzeModel(spec);
  if (!analysis.valid) throw new Error(`This network cannot be built: ${listProblems(analysis).join(' ')}`);
  const model = tf.sequential({ name: 'fashion_cnn' });
  spec.layers.forEach((layer, i) => model.add(toLayer(layer, i, options.seed)));
  return model;
}

export function createOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  switch (name) {
    case 'adam':
      return new FusedAdamOptimizer(learningRate);
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
