import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from './build';
import { SIMPLE_CNN } from './spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('buildModel', () => {
  it('builds the seeds CNN with the expected output shapes and parameter count', () => {
    const model = buildModel(SIMPLE_CNN);
    const shapes = model.layers.map((l) => l.outputShape);
    expect(shapes).toEqual([
      [null, 26, 26, 32],
      [null, 13, 13, 32],
      [null, 11, 11, 64],
      [null, 5, 5, 64],
      [null, 1600],
      [null, 128],
      [null, 10],
    ]);
    // 320 + 18,496 + 204,928 + 1,290: the Keras summary of the same network
    expect(model.countParams()).toBe(225_034);
    model.dispose();
  });

  it('maps a batch of images to probabilities', () => {
    const model = buildModel(SIMPLE_CNN);
    const out = tf.tidy(() => model.predict(tf.zeros([3, 28, 28, 1])) as tf.Tensor);
    expect(out.shape).toEqual([3, 10]);
    const sums = tf.tidy(() => out.sum(1).arraySync() as number[]);
    sums.forEach((s) => expect(s).toBeCloseTo(1, 5));
    tf.dispose(out);
    model.dispose();
  });
});
