import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { imagesTensor, range } from '../data/batches';
import { IMAGE_PIXELS } from '../constants';
import { buildModel, createOptimizer } from '../model/build';
import { SIMPLE_CNN, type ModelSpec } from '../model/spec';
import { createRng } from '../random';
import { crossEntropy, kernelVariables, smoothLabels, trainStep, type StepSetup } from './trainStep';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('smoothLabels', () => {
  it('softens one-hot rows to (1 − ε)·y + ε/K', () => {
    const ys = tf.tensor2d([[1, 0, 0, 0, 0, 0, 0, 0, 0, 0]]);
    const smoothed = smoothLabels(ys, 0.1);
    const row = Array.from(smoothed.dataSync());
    expect(row[0]).toBeCloseTo(0.91, 6);
    row.slice(1).forEach((v) => expect(v).toBeCloseTo(0.01, 6));
    expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(smoothLabels(ys, 0)).toBe(ys);
    tf.dispose([ys, smoothed]);
  });

  it('gives the hand-computed smoothed cross-entropy', () => {
    // 3 classes, ε = 0.3: targets [0.8, 0.1, 0.1]; probabilities [0.7, 0.2, 0.1]:
    // −(0.8·ln 0.7 + 0.1·ln 0.2 + 0.1·ln 0.1) = 0.285340 + 0.160944 + 0.230259 = 0.676543
    const loss = tf.tidy(() => crossEntropy(smoothLabels(tf.tensor2d([[1, 0, 0]]), 0.3), tf.tensor2d([[0.7, 0.2, 0.1]])));
    expect(loss.dataSync()[0]).toBeCloseTo(0.676543, 5);
    loss.dispose();
  });
});

const TINY: ModelSpec = {
  ...SIMPLE_CNN,
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 2, padding: 'valid', activation: 'relu' },
    { type: 'flatten' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
  learningRate: 0.01,
};

function stepWith(labelSmoothing: number) {
  const model = buildModel(TINY, { seed: 3 });
  const optimizer = createOptimizer('sgd', 0.5);
  const rng = createRng(1);
  const images = new Uint8Array(8 * IMAGE_PIXELS).map(() => Math.floor(rng() * 256));
  const labels = Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
  const setup: StepSetup = {
    model,
    optimizer,
    variables: model.trainableWeights.map((w) => w.read() as tf.Variable),
    kernels: kernelVariables(model),
    l2: 0,
    inputScaling: 'unit',
    labelSmoothing,
    augmentation: undefined,
    augmentationRng: rng,
  };
  const metrics = trainStep(setup, images, labels, range(0, 8));
  const [loss] = Array.from(metrics.dataSync());
  metrics.dispose();
  const probs = tf.tidy(() => (model.predict(imagesTensor(images, range(0, 8), 'unit')) as tf.Tensor).dataSync());
  // The first step may create the optimizer's state; from the second on, nothing may stay behind.
  const before = tf.memory().numTensors;
  trainStep(setup, images, labels, range(0, 8)).dispose();
  const leaked = tf.memory().numTensors - before;
  model.dispose();
  optimizer.dispose();
  return { loss, probs, leaked };
}

describe('trainStep with label smoothing', () => {
  it('reports the plain cross-entropy but trains towards the smoothed targets, without leaking tensors', () => {
    const plain = stepWith(0);
    const smoothed = stepWith(0.1);
    // Same weights before the step: the same reported (plain) loss.
    expect(smoothed.loss).toBeCloseTo(plain.loss, 6);
    // A different target: a different step.
    const differs = Array.from(plain.probs).some((p, i) => Math.abs(p - smoothed.probs[i]) > 1e-6);
    expect(differs).toBe(true);
    expect(plain.leaked).toBe(0);
    expect(smoothed.leaked).toBe(0);
  });
});
