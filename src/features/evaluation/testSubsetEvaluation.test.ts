import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../ml/model/build';
import { SIMPLE_CNN, type ModelSpec } from '../../ml/model/spec';
import { rowSums, total } from '../../ml/metrics';
import { loadRealSubset } from '../../test-support/realData';
import { EPOCH_SUBSET_SIZE, epochSubsetSize, evaluateFirstTestImages } from './testSubsetEvaluation';

const test = loadRealSubset('test', 300);

/** Small and untrained: only the plumbing is under test, not the accuracy. */
const TINY_CNN: ModelSpec = {
  ...SIMPLE_CNN,
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
    { type: 'flatten' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('epochSubsetSize', () => {
  it('is the first 1,000 test images, or fewer when the run or the download has fewer', () => {
    expect(epochSubsetSize(10_000, 10_000)).toBe(EPOCH_SUBSET_SIZE);
    expect(epochSubsetSize(300, 10_000)).toBe(300);
    expect(epochSubsetSize(10_000, 500)).toBe(500);
    expect(epochSubsetSize(10_000, 0)).toBe(0);
  });
});

describe('evaluateFirstTestImages', () => {
  it('evaluates the first n test images with their real labels and keeps no tensors', async () => {
    const model = buildModel(TINY_CNN);
    const before = tf.memory().numTensors;
    const result = await evaluateFirstTestImages(model, test, 250, { kind: 'epoch', epoch: 1, epochs: 3 });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    expect(result).not.toBeNull();
    expect(result!.count).toBe(250);
    expect(Array.from(result!.labels)).toEqual(Array.from(test.labels.subarray(0, 250)));
    expect(total(result!.matrix)).toBe(250);
    expect(result!.report.perClass.map((c) => c.support)).toEqual(rowSums(result!.matrix));
    for (let i = 0; i < 250; i++) {
      let sum = 0;
      for (let c = 0; c < 10; c++) sum += result!.probabilities[i * 10 + c];
      expect(sum).toBeCloseTo(1, 4);
    }
    expect(result!.seconds).toBeGreaterThan(0);
  });

  it('returns null when aborted, and still keeps no tensors', async () => {
    const model = buildModel(TINY_CNN);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    controller.abort();
    expect(await evaluateFirstTestImages(model, test, 250, { kind: 'epoch', epoch: 0, epochs: 1 }, controller.signal)).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
