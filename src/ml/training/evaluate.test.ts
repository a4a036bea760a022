import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { IMAGE_PIXELS, NUM_CLASSES } from '../constants';
import { range } from '../data/batches';
import { evaluateImages, scorePredictions } from './evaluate';

/** A model whose answer depends on the first pixel only: bright → class 3, dark → class 7. */
function firstPixelModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [28, 28, 1] }));
  const weights = tf.tidy(() => {
    const kernel = tf.buffer([IMAGE_PIXELS, NUM_CLASSES]);
    kernel.set(20, 0, 3);
    kernel.set(-20, 0, 7);
    const bias = tf.buffer([NUM_CLASSES]);
    bias.set(10, 7);
    return [kernel.toTensor(), bias.toTensor()];
  });
  model.add(tf.layers.dense({ units: NUM_CLASSES, activation: 'softmax', weights }));
  weights.forEach((w) => w.dispose());
  return model;
}

describe('evaluateImages', () => {
  it('predicts in batches and scores against the labels, as scorePredictions does, without leaking tensors', async () => {
    await tf.setBackend('cpu');
    const model = firstPixelModel();
    const n = 5;
    const images = new Uint8Array(n * IMAGE_PIXELS);
    [0, 2, 4].forEach((i) => (images[i * IMAGE_PIXELS] = 255));
    const labels = Uint8Array.from([3, 7, 3, 3, 3]); // image 3 is dark (predicted 7): one wrong
    const before = tf.memory().numTensors;
    const result = (await evaluateImages(model, { images, labels }, range(0, n), { batchSize: 2, inputScaling: 'unit' }))!;
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(result.predictions)).toEqual([3, 7, 3, 7, 3]);
    expect(result.accuracy).toBeCloseTo(4 / 5);
    expect(result.indices).toEqual(range(0, n));
    expect(result.loss).toBeCloseTo(scorePredictions(result.probabilities, labels, range(0, n)).loss);
    expect(result.seconds).toBeGreaterThanOrEqual(0);
    model.dispose();
  });

  it('returns null once aborted', async () => {
    const model = firstPixelModel();
    const abort = new AbortController();
    abort.abort();
    expect(await evaluateImages(model, { images: new Uint8Array(IMAGE_PIXELS), labels: new Uint8Array(1) }, range(0, 1), { signal: abort.signal, inputScaling: 'unit' })).toBeNull();
    model.dispose();
  });
});
