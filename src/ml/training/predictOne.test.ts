import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imagesTensor } from '../data/batches';
import { buildModel } from '../model/build';
import { SIMPLE_CNN } from '../model/spec';
import { loadSamples } from '../preprocess/fixtures/rasters';
import { predictProbabilities } from './predictOne';

let model: tf.LayersModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = buildModel(SIMPLE_CNN);
});
afterAll(() => model.dispose());

describe('predictProbabilities', () => {
  it('gives 10 probabilities equal to what the training input path gives for the same image', async () => {
    const sample = loadSamples()[3];
    const probabilities = await predictProbabilities(model, sample.pixels, 'unit');
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    // Same scaling as training (imagesTensor: bytes / 255).
    const reference = tf.tidy(() => (model.predict(imagesTensor(sample.pixels, [0], 'unit')) as tf.Tensor).dataSync());
    for (let i = 0; i < 10; i++) expect(probabilities[i]).toBeCloseTo(reference[i], 6);
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    for (const sample of loadSamples().slice(0, 5)) await predictProbabilities(model, sample.pixels, 'unit');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a wrongly sized image without leaking', async () => {
    const before = tf.memory().numTensors;
    await expect(predictProbabilities(model, new Uint8Array(100), 'unit')).rejects.toThrow(/784/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
