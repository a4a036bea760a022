import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer } from '../model/build';
import { OPTIMIZERS } from '../model/spec';
import { getLearningRate, setLearningRate } from './learningRate';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** One step of minimising (w·x - 1)² from w = 1, x = 2: returns how much w moved. */
function stepSize(optimizer: tf.Optimizer, w: tf.Variable): number {
  const before = w.dataSync()[0];
  tf.tidy(() => {
    optimizer.minimize(() => tf.square(tf.sub(tf.mul(w, 2), 1)).sum() as tf.Scalar, false, [w]);
  });
  return Math.abs(w.dataSync()[0] - before);
}

describe('changing the learning rate between steps', () => {
  it.each([...OPTIMIZERS])('%s uses the new rate from the next step on', (name) => {
    const optimizer = createOptimizer(name, 0.1);
    const w = tf.variable(tf.scalar(1));
    expect(stepSize(optimizer, w)).toBeGreaterThan(0);
    setLearningRate(optimizer, 0);
    expect(getLearningRate(optimizer)).toBe(0);
    // SGD/Momentum cache -lr in a tensor: without setLearningRate() this step would still move.
    expect(stepSize(optimizer, w)).toBe(0);
    setLearningRate(optimizer, 0.1);
    expect(stepSize(optimizer, w)).toBeGreaterThan(0);
    optimizer.dispose();
    w.dispose();
  });
});
