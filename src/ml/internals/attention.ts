/**
 * "What the network looks at" for one class: heat maps over the input image.
 * - Grad-CAM (Selvaraju et al. 2017): weights each channel of the last convolution by
 *   the average gradient of the class score over it, keeps the positive part of the
 *   weighted sum, and upsamples it to the image. Coarse (last-conv resolution) but
 *   class-specific.
 * - Gradient saliency (Simonyan et al. 2013): |d score / d pixel|: which pixels would
 *   change the class score most. Pixel-sharp, noisier.
 * The score is the class's logit (before softmax). Each call runs in one tf.tidy and
 * reads back once; nothing outlives it.
 */
import * as tf from '@tensorflow/tfjs';
import { applyLayer, checkClassIndex, classScore, inputShapeOf, lastConvIndex } from './forward';

export type AttentionMethod = 'grad-cam' | 'saliency';

export interface AttentionMap {
  readonly method: AttentionMethod;
  readonly classIndex: number;
  /** Heat over the input, height×width row-major, scaled to [0, 1] (1 = strongest). All zeros if maxRaw is 0. */
  readonly heat: Float32Array;
  readonly height: number;
  readonly width: number;
  /** Largest value before scaling (0 means the score does not depend on the input here, e.g. dead ReLUs). */
  readonly maxRaw: number;
  /** Grad-CAM only: the map at the last convolution's resolution before upsampling, unscaled (≥ 0). */
  readonly coarse: { readonly values: Float32Array; readonly height: number; readonly width: number; readonly layerName: string } | null;
}

function scaleToUnit(values: Float32Array): { heat: Float32Array; maxRaw: number } {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  const heat = new Float32Array(values.length);
  if (max > 0) for (let i = 0; i < values.length; i++) heat[i] = Math.max(0, values[i]) / max;
  return { heat, maxRaw: max };
}

async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/** Grad-CAM for `classIndex` on `image` ([1, h, w, c] in [0, 1], not disposed). Needs a Conv2D layer. */
export async function gradCam(model: tf.LayersModel, image: tf.Tensor4D, classIndex: number): Promise<AttentionMap> {
  checkClassIndex(model, classIndex);
  const convIndex = lastConvIndex(model);
  if (convIndex < 0) throw new Error('Grad-CAM needs a convolution layer; this model has none.');
  const [height, width] = inputShapeOf(model);
  const layers = model.layers;
  const head = layers.slice(convIndex + 1);
  if (head.length === 0) throw new Error('Grad-CAM needs layers after the last convolution.');
  let coarseShape: [number, number] = [0, 0];
  const packed = tf.tidy(() => {
    let x: tf.Tensor = image;
    for (let i = 0; i <= convIndex; i++) x = applyLayer(layers[i], x);
    const features = x as tf.Tensor4D; // [1, h', w', k], ≥ 0 after ReLU
    coarseShape = [features.shape[1], features.shape[2]];
    const grads = tf.grad((a: tf.Tensor) => classScore(head, a, classIndex))(features); // [1, h', w', k]
    const channelWeights = tf.mean(grads, [1, 2], true); // [1, 1, 1, k]: how much each channel counts for the class
    const cam = tf.relu(tf.sum(tf.mul(features, channelWeights), -1, true)) as tf.Tensor4D; // [1, h', w', 1]
    const upsampled = tf.image.resizeBilinear(cam, [height, width], true); // [1, h, w, 1]
    return tf.concat([cam.reshape([-1]), upsampled.reshape([-1])]);
  });
  const flat = await readAndDispose(packed);
  const coarseSize = coarseShape[0] * coarseShape[1];
  const { heat, maxRaw } = scaleToUnit(flat.subarray(coarseSize));
  return {
    method: 'grad-cam',
    classIndex,
    heat,
    height,
    width,
    maxRaw,
    coarse: { values: flat.slice(0, coarseSize), height: coarseShape[0], width: coarseShape[1], layerName: layers[convIndex].name },
  };
}

/** Gradient saliency |d logit / d pixel| for `classIndex` on `image` ([1, h, w, c], not disposed); channels are summed. */
export async function gradientSaliency(model: tf.LayersModel, image: tf.Tensor4D, classIndex: number): Promise<AttentionMap> {
  checkClassIndex(model, classIndex);
  const [height, width] = inputShapeOf(model);
  const packed = tf.tidy(() => {
    const grads = tf.grad((x: tf.Tensor) => classScore(model.layers, x, classIndex))(image); // [1, h, w, c]
    return tf.sum(tf.abs(grads), -1).reshape([-1]); // [h*w]
  });
  const { heat, maxRaw } = scaleToUnit(await readAndDispose(packed));
  return { method: 'saliency', classIndex, heat, height, width, maxRaw, coarse: null };
}

export function computeAttention(model: tf.LayersModel, image: tf.Tensor4D, classIndex: number, method: AttentionMethod): Promise<AttentionMap> {
  return method === 'grad-cam' ? gradCam(model, image, classIndex) : gradientSaliency(model, image, classIndex);
}
