import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { batchMatMulConfig } from './batchMatMul';
import { conv2DBackpropFilterConfig } from './conv2DBackpropFilter';
import { conv2DBackpropInputConfig } from './conv2DBackpropInput';
import { maxPoolGradConfig } from './maxPoolGrad';
import { registerWasmTrainingKernels } from './registerWasmTrainingKernels';
import { switchBackend } from './testUtils';

const NAMES = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'BatchMatMul', 'Sum', 'Identity', 'Cast', 'Mean', 'Tile', 'FusedBatchNorm', 'FashionPlaygroundBatchNormGrad', 'FashionPlaygroundAdamUpdate', 'FashionPlaygroundReluGrad', 'Transpose', 'Add', 'FashionPlaygroundConvReluFilterGrad', 'FusedConv2D', 'FashionPlaygroundBatchNormTraining', 'FashionPlaygroundBatchNormTrainingGrad'];

describe('registerWasmTrainingKernels', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('registers the kernels and is idempotent', () => {
    const warn = vi.spyOn(console, 'warn');
    expect(registerWasmTrainingKernels()).toEqual(NAMES);
    expect(registerWasmTrainingKernels()).toEqual(NAMES);
    expect(warn).not.toHaveBeenCalled();
    const configs = [conv2DBackpropFilterConfig, conv2DBackpropInputConfig, maxPoolGradConfig, batchMatMulConfig];
    for (const config of configs) {
      expect(tf.getKernel(config.kernelName, 'wasm')?.kernelFunc).toBe(config.kernelFunc);
    }
    // The cpu backend's kernels are untouched.
    expect(tf.getKernel('MaxPoolGrad', 'cpu')?.kernelFunc).not.toBe(maxPoolGradConfig.kernelFunc);
  });
});

// Every layer configuration the playground offers, one training step each
// with each optimizer: the probe that found Conv2DBackpropFilter missing.
type LayerSpec = { name: string; layers: () => tf.layers.Layer[]; flatten: boolean };

function layerSpecs(): LayerSpec[] {
  const specs: LayerSpec[] = [];
  const input = { inputShape: [9, 9, 2] };
  for (const kernelSize of [3, 5]) {
    for (const strides of [1, 2]) {
      for (const padding of ['same', 'valid'] as const) {
        specs.push({
          name: `conv k${kernelSize} s${strides} ${padding}`,
          flatten: true,
          layers: () => [tf.layers.conv2d({ ...input, filters: 3, kernelSize, strides, padding, activation: 'relu' })],
        });
      }
    }
  }
  for (const pool of ['max', 'avg'] as const) {
    for (const poolSize of [2, 3]) {
      for (const strides of [1, 2]) {
        for (const padding of ['same', 'valid'] as const) {
          const make = pool === 'max' ? tf.layers.maxPooling2d : tf.layers.averagePooling2d;
          specs.push({
            name: `${pool}Pool p${poolSize} s${strides} ${padding}`,
            flatten: true,
            layers: () => [
              tf.layers.conv2d({ ...input, filters: 3, kernelSize: 3, padding: 'same' }),
              make({ poolSize, strides, padding }),
            ],
          });
        }
      }
    }
  }
  specs.push({
    name: 'batchNorm + dropout + globalAveragePooling',
    flatten: false,
    layers: () => [
      tf.layers.conv2d({ ...input, filters: 4, kernelSize: 3, activation: 'relu' }),
      tf.layers.batchNormalization(),
      tf.layers.dropout({ rate: 0.25 }),
      tf.layers.globalAveragePooling2d({}),
    ],
  });
  return specs;
}

const OPTIMIZERS: Record<string, () => tf.Optimizer> = {
  adam: () => tf.train.adam(0.01),
  sgdMomentum: () => tf.train.momentum(0.01, 0.9),
  rmsprop: () => tf.train.rmsprop(0.01),
  adagrad: () => tf.train.adagrad(0.05),
};

describe('every layer configuration trains on wasm', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
  });

  it.each(layerSpecs().map((s) => [s.name, s] as const))('%s', (_name, spec) => {
    const x = tf.randomNormal([3, 9, 9, 2], 0, 1, 'float32', 1);
    const y = tf.oneHot(tf.tensor1d([1, 4, 7], 'int32'), 10);
    for (const [optName, makeOptimizer] of Object.entries(OPTIMIZERS)) {
      const model = tf.sequential();
      for (const layer of spec.layers()) model.add(layer);
      if (spec.flatten) model.add(tf.layers.flatten());
      model.add(tf.layers.dense({ units: 8, activation: 'relu' }));
      model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
      const optimizer = makeOptimizer();
      const loss = optimizer.minimize(
        () => tf.metrics.categoricalCrossentropy(y, model.apply(x, { training: true }) as tf.Tensor).mean() as tf.Scalar,
        true,
      );
      expect(Number.isFinite(loss?.dataSync()[0]), optName).toBe(true);
      if (loss) tf.dispose(loss);
      optimizer.dispose();
      model.dispose();
    }
    tf.dispose([x, y]);
  });

  it('trains a compiled model with fit()', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [9, 9, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    const x = tf.randomNormal([8, 9, 9, 1], 0, 1, 'float32', 2);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32'), 10);
    const history = await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0 });
    expect(history.history.loss.every((v) => Number.isFinite(v as number))).toBe(true);
    model.dispose();
    tf.dispose([x, y]);
  });
});
