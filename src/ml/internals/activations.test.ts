import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imagesTensor } from '../data/batches';
import { buildModel } from '../model/build';
import { SIMPLE_CNN, type ModelSpec } from '../model/spec';
import { loadRealSubset } from '../../test-support/realData';
import { argMax, extractActivations } from './activations';
import { channelMap, pool2d } from './maps';
import { softmaxBreakdown } from './softmax';

let model: tf.Sequential;
let image: tf.Tensor4D;

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = buildModel(SIMPLE_CNN);
  const { images } = loadRealSubset('test', 1);
  image = imagesTensor(images, [0], 'unit');
});

afterAll(() => {
  model.dispose();
  image.dispose();
});

describe('extractActivations', () => {
  it('returns every layer with its shape, in order, and the normalised input', async () => {
    const result = await extractActivations(model, image);
    expect(result.inputShape).toEqual([28, 28, 1]);
    expect(result.input.length).toBe(784);
    expect(Math.max(...result.input)).toBeLessThanOrEqual(1);
    expect(Math.max(...result.input)).toBeGreaterThan(0.5);
    expect(result.layers.map((l) => [l.layer.name, l.layer.kind, l.layer.outputShape])).toEqual([
      ['conv2d_1', 'conv', [26, 26, 32]],
      ['maxPool2d_2', 'maxPool', [13, 13, 32]],
      ['conv2d_3', 'conv', [11, 11, 64]],
      ['maxPool2d_4', 'maxPool', [5, 5, 64]],
      ['flatten_5', 'flatten', [1600]],
      ['dense_6', 'dense', [128]],
      ['dense_7', 'dense', [10]],
    ]);
    expect(result.layers.map((l) => l.values.length)).toEqual([26 * 26 * 32, 13 * 13 * 32, 11 * 11 * 64, 5 * 5 * 64, 1600, 128, 10]);
    expect(result.layers.map((l) => l.preActivation?.length ?? null)).toEqual([26 * 26 * 32, null, 11 * 11 * 64, null, null, 128, 10]);
  });

  it('leaves no tensors behind', async () => {
    await extractActivations(model, image); // warm-up (tfjs may cache on first use)
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await extractActivations(model, image);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('matches model.predict, and the layers are what they claim to be', async () => {
    const result = await extractActivations(model, image);
    const expected = tf.tidy(() => (model.predict(image) as tf.Tensor).dataSync());
    const probs = result.layers[6].values;
    probs.forEach((p, i) => expect(p).toBeCloseTo(expected[i], 5));
    expect(argMax(probs)).toBe(argMax(expected));

    // Conv output = ReLU(conv + bias): negatives of the pre-activation become exactly 0.
    const conv = result.layers[0];
    const pre = conv.preActivation!;
    expect(pre.some((v) => v < 0)).toBe(true);
    conv.values.forEach((v, i) => expect(v).toBeCloseTo(Math.max(0, pre[i]), 5));

    // Max pooling halves each side and keeps the largest value of each 2×2 window.
    for (const channel of [0, 17, 31]) {
      const before = channelMap(conv.values, 26, 26, 32, channel);
      const pooled = channelMap(result.layers[1].values, 13, 13, 32, channel);
      const ours = pool2d(before, 2, 2, 'max');
      ours.values.forEach((v, i) => expect(pooled.values[i]).toBeCloseTo(v, 6));
    }

    // Flatten only reorders: same values as the last pooling output.
    expect(Array.from(result.layers[4].values)).toEqual(Array.from(result.layers[3].values));

    // The last layer's pre-activation are the logits; softmax of them gives the probabilities.
    const { rows } = softmaxBreakdown(result.layers[6].preActivation!);
    rows.forEach((row, i) => expect(row.probability).toBeCloseTo(probs[i], 5));
  });

  it('runs dropout as identity and batch norm on its moving statistics (inference mode)', async () => {
    const spec: ModelSpec = {
      ...SIMPLE_CNN,
      layers: [
        { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' },
        { type: 'batchNorm' },
        { type: 'dropout', rate: 0.5 },
        { type: 'avgPool2d', poolSize: 2, strides: 2, padding: 'valid' },
        { type: 'globalAvgPool2d' },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
    };
    const other = buildModel(spec);
    const before = tf.memory().numTensors;
    const result = await extractActivations(other, image);
    expect(tf.memory().numTensors).toBe(before);
    expect(result.layers.map((l) => l.layer.kind)).toEqual(['conv', 'batchNorm', 'dropout', 'avgPool', 'globalAvgPool', 'dense']);
    expect(result.layers.map((l) => l.layer.outputShape)).toEqual([[28, 28, 4], [28, 28, 4], [28, 28, 4], [14, 14, 4], [4], [10]]);
    expect(Array.from(result.layers[2].values)).toEqual(Array.from(result.layers[1].values));
    const avg = pool2d(channelMap(result.layers[2].values, 28, 28, 4, 1), 2, 2, 'avg');
    avg.values.forEach((v, i) => expect(channelMap(result.layers[3].values, 14, 14, 4, 1).values[i]).toBeCloseTo(v, 5));
    other.dispose();
  });

  it('rejects an input of the wrong shape without leaking', async () => {
    const wrong = tf.zeros([2, 28, 28, 1]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    await expect(extractActivations(model, wrong)).rejects.toThrow(/expected one image of shape \[1, 28, 28, 1\]/);
    expect(tf.memory().numTensors).toBe(before);
    wrong.dispose();
  });
});
