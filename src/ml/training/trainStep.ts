/**
 * One optimizer step on one batch: images (augmented if asked) and one-hot labels in,
 * [cross-entropy, accuracy] out. The loss that is minimised may differ from the one reported:
 * label smoothing trains against softened targets and an optional L2 penalty on the kernels
 * is added, but the reported loss stays the plain cross-entropy against the true labels, so
 * runs with and without these settings are comparable.
 */
import * as tf from '@tensorflow/tfjs';
import { imagesTensor, labelsTensor, range } from '../data/batches';
import type { ResidentImages } from '../data/residentImages';
import type { InputScaling } from '../data/inputScaling';
import type { AugmentationSpec } from '../model/spec';
import { augmentImages, isAugmenting } from './augment';

const EPSILON = 1e-7;

/** Mean categorical cross-entropy of probabilities [b,10] against one-hot labels [b,10]: a scalar. */
export function crossEntropy(ys: tf.Tensor2D, probs: tf.Tensor2D): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(ys, tf.log(tf.clipByValue(probs, EPSILON, 1 - EPSILON))), 1)));
}

/**
 * Label smoothing (Szegedy et al. 2016): the one-hot targets [b,10] softened to
 * (1 − ε)·y + ε/10, so the network is not pushed towards infinitely confident scores.
 * ε = 0 returns the labels unchanged; ε in [0, 1).
 */
export function smoothLabels(ys: tf.Tensor2D, epsilon: number): tf.Tensor2D {
  if (epsilon <= 0) return ys;
  const classes = ys.shape[1];
  return tf.add(tf.mul(ys, 1 - epsilon), epsilon / classes);
}

/** Fraction of rows whose argmax matches the one-hot label: a scalar in [0, 1]. */
export function batchAccuracy(ys: tf.Tensor2D, probs: tf.Tensor2D): tf.Scalar {
  return tf.mean(tf.cast(tf.equal(tf.argMax(probs, 1), tf.argMax(ys, 1)), 'float32'));
}

/** The weights L2 decays: conv and dense kernels (not biases or batch-norm parameters). */
export function kernelVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.filter((w) => w.originalName.endsWith('/kernel')).map((w) => w.read() as tf.Variable);
}

export interface StepSetup {
  /** The images on the device, when kept there; else each batch is uploaded from `images`. */
  readonly resident?: ResidentImages | null;
  readonly model: tf.LayersModel;
  readonly optimizer: tf.Optimizer;
  /** The trainable variables (what the optimizer updates). */
  readonly variables: tf.Variable[];
  readonly kernels: tf.Variable[];
  readonly l2: number;
  /** Label smoothing ε (0 = off): the training targets are (1 − ε)·one-hot + ε/10. */
  readonly labelSmoothing?: number;
  readonly augmentation: AugmentationSpec | undefined;
  readonly augmentationRng: () => number;
  readonly inputScaling: InputScaling;
}

/** Runs one step; returns [loss, accuracy] (float32 [2]) for the caller to read and dispose. */
export function trainStep(setup: StepSetup, images: Uint8Array, labels: Uint8Array, indices: Int32Array): tf.Tensor1D {
  return tf.tidy(() => {
    const xs = isAugmenting(setup.augmentation)
      ? imagesTensor(augmentImages(images, indices, setup.augmentation, setup.augmentationRng), range(0, indices.length), setup.inputScaling)
      : setup.resident
        ? setup.resident.batch(indices)
        : imagesTensor(images, indices, setup.inputScaling);
    const ys = labelsTensor(labels, indices);
    // [cross-entropy, accuracy], kept out of minimize's tidy.
    const kept: tf.Scalar[] = [];
    setup.optimizer.minimize(
      () => {
        const probs = setup.model.apply(xs, { training: true }) as tf.Tensor2D;
        const ce = crossEntropy(ys, probs);
        // A copy: minimize() disposes the value it minimises, which may be `ce` itself.
        kept.push(tf.keep(tf.clone(ce)), tf.keep(batchAccuracy(ys, probs)));
        const smoothing = setup.labelSmoothing ?? 0;
        const trained = smoothing > 0 ? crossEntropy(smoothLabels(ys, smoothing), probs) : ce;
        if (setup.l2 <= 0 || setup.kernels.length === 0) return trained;
        const penalty = tf.addN(setup.kernels.map((k) => tf.sum(tf.square(k))));
        return tf.add(trained, tf.mul(setup.l2, penalty));
      },
      false,
      setup.variables,
    );
    const both = tf.stack(kept) as tf.Tensor1D;
    tf.dispose(kept); // tf.keep exempts them from every tidy, so they must be freed by hand
    return both;
  });
}
