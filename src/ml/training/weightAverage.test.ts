import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { effectiveDecay, WeightAverage } from './weightAverage';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Dense(1) on one input, no bias: its only weight is the kernel [[w]]. */
function oneWeightModel(w: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [1], useBias: false, kernelInitializer: 'zeros' }));
  setWeight(model, w);
  return model;
}
const setWeight = (model: tf.LayersModel, w: number) => tf.tidy(() => model.setWeights([tf.tensor2d([[w]])]));
const weightOf = (model: tf.LayersModel) => model.getWeights()[0].dataSync()[0];

describe('effectiveDecay', () => {
  it('warms up as (1 + n) / (10 + n) until it reaches the decay', () => {
    expect(effectiveDecay(0.99, 0)).toBeCloseTo(0.1);
    expect(effectiveDecay(0.99, 10)).toBeCloseTo(11 / 20);
    expect(effectiveDecay(0.99, 5000)).toBe(0.99);
    expect(effectiveDecay(0.5, 100)).toBe(0.5);
  });
});

describe('WeightAverage', () => {
  it('moves the average by avg ← d·avg + (1 − d)·w with the warmed-up decay (hand-computed)', () => {
    const model = oneWeightModel(1);
    const average = new WeightAverage(model, 0.9);
    setWeight(model, 3);
    average.update(); // d = 1/10: 0.1·1 + 0.9·3 = 2.8
    setWeight(model, 5);
    average.update(); // d = 2/11: (2/11)·2.8 + (9/11)·5 = 4.6
    expect(average.count).toBe(2);
    average.swap();
    expect(weightOf(model)).toBeCloseTo(4.6, 5);
    average.swap();
    expect(weightOf(model)).toBe(5);
    average.dispose();
    model.dispose();
  });

  it('reaches the plain decay after the warm-up: 0.5·avg + 0.5·w', () => {
    const model = oneWeightModel(0);
    const average = new WeightAverage(model, 0.5);
    for (let i = 0; i < 20; i++) average.update(); // the weight stays 0: the average too
    setWeight(model, 8);
    average.update(); // d = min(0.5, 21/30) = 0.5: 0.5·0 + 0.5·8 = 4
    average.swap();
    expect(weightOf(model)).toBeCloseTo(4, 6);
    average.swap();
    average.dispose();
    model.dispose();
  });

  it('keeps tf.memory().numTensors flat over updates and swaps, and frees its averages on dispose', () => {
    const model = oneWeightModel(2);
    const before = tf.memory().numTensors;
    const average = new WeightAverage(model, 0.99);
    const withAverages = tf.memory().numTensors;
    expect(withAverages).toBe(before + model.weights.length);
    for (let i = 0; i < 5; i++) {
      average.update();
      average.swap();
      average.swap();
    }
    expect(tf.memory().numTensors).toBe(withAverages);
    average.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('refuses to update while the averages are in the model', () => {
    const model = oneWeightModel(1);
    const average = new WeightAverage(model, 0.99);
    average.swap();
    expect(average.inModel).toBe(true);
    expect(() => average.update()).toThrow(/swapped/);
    average.swap();
    average.dispose();
    model.dispose();
  });
});
