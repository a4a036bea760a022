/**
 * Small hand-wired models whose right answers are known in advance, for the internals
 * tests (imported by *.test.ts only).
 */
import * as tf from '@tensorflow/tfjs';

export const TINY_SIZE = 8;

/**
 * An 8×8×1 image -> Conv2D(2 filters, 1×1, ReLU) -> Flatten -> Dense(3, softmax), wired so:
 * - channel 0 ("bright") = relu(x), channel 1 ("dark") = relu(1 - x);
 * - class 0 score = sum of "bright" over the top-left 4×4 quadrant;
 * - class 1 score = sum of "dark" over the whole image;
 * - class 2 score = sum of "bright" over the bottom-right 4×4 quadrant.
 */
export function buildKnownModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [TINY_SIZE, TINY_SIZE, 1], filters: 2, kernelSize: 1, activation: 'relu', name: 'conv' }));
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax', name: 'dense' }));
  const kernel = tf.tensor4d([1, -1], [1, 1, 1, 2]);
  const bias = tf.tensor1d([0, 1]);
  const dense = new Float32Array(TINY_SIZE * TINY_SIZE * 2 * 3);
  for (let y = 0; y < TINY_SIZE; y++) {
    for (let x = 0; x < TINY_SIZE; x++) {
      const flat = (y * TINY_SIZE + x) * 2; // flatten order: [y, x, channel]
      if (y < 4 && x < 4) dense[flat * 3 + 0] = 1;
      dense[(flat + 1) * 3 + 1] = 1;
      if (y >= 4 && x >= 4) dense[flat * 3 + 2] = 1;
    }
  }
  const denseKernel = tf.tensor2d(dense, [TINY_SIZE * TINY_SIZE * 2, 3]);
  const denseBias = tf.zeros([3]);
  model.getLayer('conv').setWeights([kernel, bias]);
  model.getLayer('dense').setWeights([denseKernel, denseBias]);
  tf.dispose([kernel, bias, denseKernel, denseBias]);
  return model;
}

/** An 8×8 image (bytes) with 2×2 squares of full brightness whose top-left corners are `squares` ([row, col]). */
export function squaresImage(squares: readonly (readonly [number, number])[]): Uint8Array {
  const pixels = new Uint8Array(TINY_SIZE * TINY_SIZE);
  for (const [row, col] of squares) {
    for (let dy = 0; dy < 2; dy++) for (let dx = 0; dx < 2; dx++) pixels[(row + dy) * TINY_SIZE + col + dx] = 255;
  }
  return pixels;
}
