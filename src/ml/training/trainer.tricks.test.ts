import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRealSubset } from '../../test-support/realData';
import { buildModel, createOptimizer } from '../model/build';
import { SIMPLE_CNN, type ModelSpec } from '../model/spec';
import { trainModel, type TrainConfig } from './trainer';

const real = loadRealSubset('train', 600);
const source = { images: real.images, labels: real.labels, available: () => 600 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SMALL: ModelSpec = {
  ...SIMPLE_CNN,
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
    { type: 'batchNorm' },
    { type: 'flatten' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
  learningRate: 0.003,
};

const BASE: TrainConfig = { epochs: 2, batchSize: 32, validationSplit: 0.25, trainSize: 128, seed: 4 };

async function run(config: TrainConfig) {
  const model = buildModel(SMALL, { seed: 5 });
  const optimizer = createOptimizer('adam', SMALL.learningRate);
  const losses: number[] = [];
  const tensorsAtEpochEnd: number[] = [];
  const weightsAfterEpoch: Float32Array[] = [];
  const before = tf.memory().numTensors;
  await trainModel(model, optimizer, source, config, {
    onBatch: (e) => losses.push(e.loss),
    onEpoch: () => tensorsAtEpochEnd.push(tf.memory().numTensors),
    afterEpoch: async () => {
      weightsAfterEpoch.push(model.getWeights()[0].dataSync() as Float32Array);
    },
  });
  const grown = tf.memory().numTensors - before; // the optimizer's slots
  const final = model.getWeights()[0].dataSync() as Float32Array;
  model.dispose();
  optimizer.dispose();
  return { losses, tensorsAtEpochEnd, weightsAfterEpoch, final, grown };
}

describe('trainModel with the fast-training tricks', () => {
  it('evaluates with the weight average but trains on: the batch losses match a run without it', async () => {
    const plain = await run(BASE);
    const averaged = await run({ ...BASE, weightAverage: 0.9 });
    // The average never feeds back into training.
    averaged.losses.forEach((loss, i) => expect(loss).toBeCloseTo(plain.losses[i], 5));
    // afterEpoch (per-epoch tests, checkpoints) and the model left at the end hold the averages.
    expect(Array.from(averaged.weightsAfterEpoch[0])).not.toEqual(Array.from(plain.weightsAfterEpoch[0]));
    expect(Array.from(averaged.final)).toEqual(Array.from(averaged.weightsAfterEpoch[1]));
    // Tensor memory: flat across epochs, and the averages are freed when the run ends.
    expect(new Set(averaged.tensorsAtEpochEnd).size).toBe(1);
    expect(averaged.tensorsAtEpochEnd[0]).toBe(plain.tensorsAtEpochEnd[0] + averageCount());
    expect(averaged.grown).toBe(plain.grown);
  });

  it('trains differently with label smoothing and flips, without growing memory', async () => {
    const plain = await run(BASE);
    const tricks = await run({ ...BASE, labelSmoothing: 0.1, augmentation: { shift: 0, flip: true, erase: 0 } });
    expect(tricks.losses.at(-1)).not.toBeCloseTo(plain.losses.at(-1)!, 5);
    expect(new Set(tricks.tensorsAtEpochEnd).size).toBe(1);
    expect(tricks.grown).toBe(plain.grown);
  });
});

/** One average per model weight: conv kernel and bias, 4 batch-norm weights, dense kernel and bias. */
const averageCount = () => 8;
