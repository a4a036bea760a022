/**
 * The Fast CNN (CPU) recipe learns faster than the default on real images: same seed, same
 * data, same number of batches (each recipe with its own learning rate and schedule), on the
 * WASM backend it was tuned for. Counts batches, never time.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRealSubset } from '../../test-support/realData';
import { registerWasmTrainingKernels } from '../backends/wasm/registerWasmTrainingKernels';
import { range } from '../data/batches';
import { predictInBatches, scorePredictions } from '../training/evaluate';
import { trainModel } from '../training/trainer';
import { buildModel, createOptimizer } from './build';
import { presetById, type PresetId } from './presets';

const TRAIN = 1280;
const HELD_OUT = 500;
const train = loadRealSubset('train', TRAIN);
const test = loadRealSubset('test', HELD_OUT);

beforeAll(async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});

/** Loss and accuracy on held-out test images after two epochs of the preset's recipe at batch 64. */
async function heldOutAfterTraining(id: PresetId) {
  const { spec } = presetById(id);
  const before = tf.memory().numTensors;
  const model = buildModel(spec, { seed: 11 });
  const optimizer = createOptimizer(spec.optimizer, spec.learningRate);
  await trainModel(
    model,
    optimizer,
    { images: train.images, labels: train.labels, available: () => TRAIN },
    { epochs: 2, batchSize: 64, validationSplit: 0, trainSize: TRAIN, seed: 11, l2: spec.l2, augmentation: spec.augmentation, learningRateSchedule: spec.schedule },
    {},
  );
  const indices = range(0, HELD_OUT);
  const score = scorePredictions((await predictInBatches(model, test.images, indices))!, test.labels, indices);
  model.dispose();
  optimizer.dispose();
  return { ...score, leaked: tf.memory().numTensors - before };
}

describe('Fast CNN (CPU) recipe', () => {
  it('reaches a lower held-out loss than the Simple CNN after the same 40 batches', async () => {
    const simple = await heldOutAfterTraining('simple');
    const fast = await heldOutAfterTraining('fast');
    console.log(`held-out loss simple ${simple.loss.toFixed(3)} fast ${fast.loss.toFixed(3)}; accuracy ${simple.accuracy} ${fast.accuracy}`);
    expect(fast.loss).toBeLessThan(simple.loss);
    expect(fast.accuracy).toBeGreaterThan(simple.accuracy);
    expect(fast.leaked).toBeLessThanOrEqual(0);
  });
});
