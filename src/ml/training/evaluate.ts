/**
 * Forward passes in batches (no training): probabilities, loss and accuracy. `evaluateImages`
 * is the one evaluation used everywhere: the trainer's validation, the per-epoch and the final
 * test evaluations, the evaluation of a loaded model, and the benchmark's scores.
 */
import * as tf from '@tensorflow/tfjs';
import { NUM_CLASSES } from '../constants';
import { imagesTensor } from '../data/batches';
import type { InputScaling } from '../data/inputScaling';
import { yieldToHost } from './yieldToHost';

export interface PredictOptions {
  /** How the model is fed: its own setting (a model trained on 0–255 must be scored on 0–255). */
  readonly inputScaling: InputScaling;
  readonly batchSize?: number;
  /**
   * Flip test-time augmentation: each image is also predicted mirrored left-right and the two
   * probability rows are averaged (twice the forward passes, counted in the evaluation time).
   */
  readonly flipTta?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Class probabilities for the images at `indices`: Float32Array of length n*10, row-major,
 * each row summing to 1. Reads each batch back asynchronously and yields between batches,
 * so the page stays responsive. Returns null if aborted.
 */
export async function predictInBatches(
  model: tf.LayersModel,
  images: Uint8Array,
  indices: ArrayLike<number>,
  options: PredictOptions,
): Promise<Float32Array | null> {
  const batchSize = options.batchSize ?? 256;
  const n = indices.length;
  const probabilities = new Float32Array(n * NUM_CLASSES);
  for (let start = 0; start < n; start += batchSize) {
    if (options.signal?.aborted) return null;
    const batchIndices = Array.prototype.slice.call(indices, start, Math.min(n, start + batchSize)) as number[];
    const out = tf.tidy(() => predictBatch(model, imagesTensor(images, batchIndices, options.inputScaling), options.flipTta ?? false));
    try {
      probabilities.set(await out.data(), start * NUM_CLASSES);
    } finally {
      out.dispose();
    }
    options.onProgress?.(Math.min(n, start + batchSize), n);
    await yieldToHost();
  }
  return probabilities;
}

/**
 * Class probabilities [b,10] for images [b,28,28,1] (values 0..1). With `flipTta`, the mean of
 * the probabilities for the images and for their left-right mirrors (rows still sum to 1).
 */
export function predictBatch(model: tf.LayersModel, xs: tf.Tensor4D, flipTta: boolean): tf.Tensor2D {
  return tf.tidy(() => {
    const probs = model.predict(xs) as tf.Tensor2D;
    if (!flipTta) return probs;
    const mirrored = model.predict(tf.reverse(xs, 2)) as tf.Tensor2D;
    return tf.mul(tf.add(probs, mirrored), 0.5);
  });
}

export interface ScoreSummary {
  /** Mean categorical cross-entropy (natural log). */
  readonly loss: number;
  /** Fraction of argmax predictions equal to the label, 0..1. */
  readonly accuracy: number;
  /** Predicted class per example. */
  readonly predictions: Uint8Array;
}

const EPSILON = 1e-7;

/** Scores probabilities (n*10) against labels[indices]. */
export function scorePredictions(probabilities: Float32Array, labels: Uint8Array, indices: ArrayLike<number>): ScoreSummary {
  const n = indices.length;
  const predictions = new Uint8Array(n);
  let lossSum = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const row = i * NUM_CLASSES;
    let best = 0;
    for (let c = 1; c < NUM_CLASSES; c++) if (probabilities[row + c] > probabilities[row + best]) best = c;
    predictions[i] = best;
    const label = labels[indices[i]];
    if (best === label) correct++;
    lossSum -= Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[row + label])));
  }
  return { loss: n ? lossSum / n : NaN, accuracy: n ? correct / n : NaN, predictions };
}

/** Labelled images: the bytes (n×784, 0..255) and one label (0..9) per image. */
export interface LabelledImages {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

export interface ImagesEvaluation extends ScoreSummary {
  /** The image indices evaluated, in order (length n). */
  readonly indices: Int32Array;
  /** n×10 class probabilities, row-major, each row summing to 1. */
  readonly probabilities: Float32Array;
  /** Wall time of the forward passes and scoring, in seconds. */
  readonly seconds: number;
}

/**
 * Predicts the images at `indices` in batches and scores them against their labels. Returns
 * null if `options.signal` aborted it. Tensor memory: every batch's tensors are disposed.
 */
export async function evaluateImages(model: tf.LayersModel, set: LabelledImages, indices: Int32Array, options: PredictOptions): Promise<ImagesEvaluation | null> {
  const started = performance.now();
  const probabilities = await predictInBatches(model, set.images, indices, options);
  if (!probabilities) return null;
  const score = scorePredictions(probabilities, set.labels, indices);
  return { ...score, indices, probabilities, seconds: (performance.now() - started) / 1000 };
}
