import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { IMAGE_PIXELS, NUM_CLASSES } from '../constants';
import { range } from '../data/batches';
import { evaluateImages, predictBatch, predictInBatches, scorePredictions } from './evaluate';

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

/** Class 3's score is ln 9 × the top-left pixel (0..1); every other score is 0. */
function topLeftModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [28, 28, 1] }));
  const weights = tf.tidy(() => {
    const kernel = tf.buffer([IMAGE_PIXELS, NUM_CLASSES]);
    kernel.set(Math.log(9), 0, 3);
    return [kernel.toTensor(), tf.zeros([NUM_CLASSES])];
  });
  model.add(tf.layers.dense({ units: NUM_CLASSES, activation: 'softmax', weights }));
  weights.forEach((w) => w.dispose());
  return model;
}

describe('flip test-time augmentation', () => {
  it('averages the probabilities of each image and its mirror image (hand-computed)', async () => {
    await tf.setBackend('cpu');
    const model = topLeftModel();
    // Image 0: only the top-left pixel lit. Unflipped: class 3 scores ln 9 → p3 = 9/18 = 0.5,
    // the others 1/18. Mirrored, the lit pixel is top-right: all scores 0 → 0.1 each.
    // Averaged: p3 = (0.5 + 0.1)/2 = 0.3, the others (1/18 + 0.1)/2 = 7/90.
    // Image 1: the top-right pixel lit: the mirror of image 0, so the same average.
    const images = new Uint8Array(2 * IMAGE_PIXELS);
    images[0] = 255;
    images[IMAGE_PIXELS + 27] = 255;
    const before = tf.memory().numTensors;
    const plain = (await predictInBatches(model, images, range(0, 2), { inputScaling: 'unit' }))!;
    const tta = (await predictInBatches(model, images, range(0, 2), { inputScaling: 'unit', flipTta: true, batchSize: 1 }))!;
    expect(tf.memory().numTensors).toBe(before);
    expect(plain[3]).toBeCloseTo(0.5, 5);
    expect(plain[NUM_CLASSES + 3]).toBeCloseTo(0.1, 5);
    for (const image of [0, 1]) {
      for (let c = 0; c < NUM_CLASSES; c++) expect(tta[image * NUM_CLASSES + c]).toBeCloseTo(c === 3 ? 0.3 : 7 / 90, 5);
    }
    model.dispose();
  });

  it('predictBatch without TTA is the plain prediction', () => {
    const model = topLeftModel();
    const xs = tf.zeros([1, 28, 28, 1]) as tf.Tensor4D;
    const probs = predictBatch(model, xs, false);
    expect(Array.from(probs.dataSync())).toEqual(Array.from({ length: NUM_CLASSES }, () => expect.closeTo(0.1, 6)));
    tf.dispose([xs, probs]);
    model.dispose();
  });
});
