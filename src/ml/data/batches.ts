/**
 * Batching: which examples go in each batch, and turning them into tensors.
 * Shuffling permutes indices only; the pixel bytes never move.
 */
import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS, IMAGE_SIZE, NUM_CLASSES } from '../constants';
import { shuffleInPlace } from '../random';
import { scalePixels, type InputScaling } from './inputScaling';

/**
 * One epoch's batches over `indices` (shuffled when rng is given): every example appears
 * exactly once; the last batch may be smaller.
 */
export function epochBatches(indices: ArrayLike<number>, batchSize: number, rng?: () => number): Int32Array[] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batch size must be a positive integer, got ${batchSize}`);
  const order = Int32Array.from(indices);
  if (rng) shuffleInPlace(order, rng);
  const batches: Int32Array[] = [];
  for (let start = 0; start < order.length; start += batchSize) batches.push(order.subarray(start, start + batchSize));
  return batches;
}

/** Indices [from, to). */
export function range(from: number, to: number): Int32Array {
  return Int32Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/**
 * Gathers images into a float tensor [n, 28, 28, 1] with values in [0, 1] (pixels / 255, the
 * usual normalisation) or, for a model trained on raw pixels ('raw255'), in [0, 255].
 */
export function imagesTensor(images: Uint8Array, indices: ArrayLike<number>, scaling: InputScaling): tf.Tensor4D {
  const n = indices.length;
  const buffer = new Float32Array(n * IMAGE_PIXELS);
  for (let b = 0; b < n; b++) {
    const src = indices[b] * IMAGE_PIXELS;
    scalePixels(images.subarray(src, src + IMAGE_PIXELS), scaling, buffer, b * IMAGE_PIXELS);
  }
  return tf.tensor4d(buffer, [n, IMAGE_SIZE, IMAGE_SIZE, 1]);
}

/** One-hot labels [n, 10] (float32, exactly one 1 per row). */
export function labelsTensor(labels: Uint8Array, indices: ArrayLike<number>): tf.Tensor2D {
  const buffer = new Float32Array(indices.length * NUM_CLASSES);
  for (let b = 0; b < indices.length; b++) buffer[b * NUM_CLASSES + labels[indices[b]]] = 1;
  return tf.tensor2d(buffer, [indices.length, NUM_CLASSES]);
}
