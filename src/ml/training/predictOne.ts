/**
 * One forward pass for one preprocessed image. Runs on whatever backend is active and
 * with whatever weights the model has right now (also mid-training: JS is
 * single-threaded, so this slots in between the training loop's awaits).
 */
import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../constants';
import type { InputScaling } from '../data/inputScaling';
import { toModelInput } from '../preprocess';

/**
 * 784 bytes (28x28, 0 = background .. 255) -> Float32Array(10) of class probabilities
 * (softmax output, sums to 1). The input is scaled as the model was trained (`scaling`), shaped
 * [1, 28, 28, 1]; every tensor is disposed, also when the read-back fails.
 */
export async function predictProbabilities(model: tf.LayersModel, pixels: Uint8Array, scaling: InputScaling): Promise<Float32Array> {
  const input = toModelInput(pixels, scaling);
  const output = tf.tidy(() => model.predict(tf.tensor4d(input, [1, IMAGE_SIZE, IMAGE_SIZE, 1])) as tf.Tensor);
  try {
    return Float32Array.from(await output.data());
  } finally {
    output.dispose();
  }
}
