/**
 * A freshly built preset's training step as the app sets it up (its L2, augmentation, label
 * smoothing and input scaling), for the profiling scripts in Node and in the browser's worker.
 */
import type * as tf from '@tensorflow/tfjs';
import { buildModel, createOptimizer } from '../../src/ml/model/build';
import type { Preset } from '../../src/ml/model/presets';
import { createRng } from '../../src/ml/random';
import { kernelVariables, type StepSetup } from '../../src/ml/training/trainStep';

export function presetStepSetup(preset: Preset): StepSetup & { readonly model: tf.LayersModel; readonly optimizer: tf.Optimizer } {
  const { spec } = preset;
  const model = buildModel(spec, { seed: 1 });
  const optimizer = createOptimizer(spec.optimizer, spec.learningRate);
  return {
    model,
    optimizer,
    variables: model.trainableWeights.map((w) => w.read() as tf.Variable),
    kernels: kernelVariables(model),
    l2: spec.l2,
    labelSmoothing: spec.labelSmoothing,
    inputScaling: spec.inputScaling,
    augmentation: spec.augmentation,
    augmentationRng: createRng(2),
  };
}
