/**
 * The training recipe end to end on real images (cpu backend, tiny models): seeded runs
 * repeat exactly, early stopping stops and restores the best weights, learning-rate
 * changes land at the next batch, Step runs exactly one batch.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadRealSubset } from '../../test-support/realData';
import { buildModel, createOptimizer } from '../model/build';
import { SIMPLE_CNN, type ModelSpec, type OptimizerName } from '../model/spec';
import { TrainingControl } from './control';
import { getLearningRate } from './learningRate';
import { trainModel, type LearningRateChange, type TrainConfig } from './trainer';

const real = loadRealSubset('train', 600);
const source = { images: real.images, labels: real.labels, available: () => 600 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Every random part at once: seeded init, dropout, shuffling, augmentation. */
const TINY: ModelSpec = {
  ...SIMPLE_CNN,
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
    { type: 'batchNorm' },
    { type: 'dropout', rate: 0.3 },
    { type: 'flatten' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};
const AUGMENTED: Partial<TrainConfig> = { augmentation: { shift: 2, flip: true, erase: 0.5 }, l2: 0.001 };

async function batchLosses(seed: number, extra: Partial<TrainConfig> = AUGMENTED): Promise<number[]> {
  const model = buildModel(TINY, { seed });
  const optimizer = createOptimizer('adam', 0.01);
  const losses: number[] = [];
  await trainModel(model, optimizer, source, { epochs: 1, batchSize: 16, validationSplit: 0, trainSize: 64, seed, ...extra }, { onBatch: (e) => losses.push(e.loss) });
  model.dispose();
  optimizer.dispose();
  return losses;
}

describe('seeded runs', () => {
  it('same seed and config give identical batch losses; another seed does not', async () => {
    const a = await batchLosses(7);
    const b = await batchLosses(7);
    expect(a).toHaveLength(4);
    expect(b).toEqual(a);
    const c = await batchLosses(8);
    expect(c[0]).not.toBe(a[0]);
  });

  it('the seed fixes the initial weights', () => {
    const weights = (seed: number) => {
      const model = buildModel(TINY, { seed });
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return values;
    };
    expect(weights(3)).toEqual(weights(3));
    expect(weights(3)[0]).not.toEqual(weights(4)[0]);
  });

  it('augmentation and L2 change the losses (they are really applied)', async () => {
    const plain = await batchLosses(7, {});
    const augmented = await batchLosses(7);
    expect(plain[0]).not.toBe(augmented[0]);
    expect(await batchLosses(7, { l2: 0.001 })).not.toEqual(plain);
  });

  it('dropout draws a new mask on every training step, the same sequence for the same seed', () => {
    const spec: ModelSpec = { ...SIMPLE_CNN, layers: [{ type: 'flatten' }, { type: 'dropout', rate: 0.5 }, { type: 'dense', units: 10, activation: 'softmax' }] };
    const masks = (seed: number) => {
      const model = buildModel(spec, { seed });
      const dropout = model.layers[1];
      const x = tf.ones([1, 784]);
      const out = [0, 1].map(() => tf.tidy(() => Array.from((dropout.apply(x, { training: true }) as tf.Tensor).dataSync())));
      const inference = tf.tidy(() => Array.from((dropout.apply(x) as tf.Tensor).dataSync()));
      x.dispose();
      model.dispose();
      return { out, inference };
    };
    const first = masks(5);
    expect(first.out[0]).not.toEqual(first.out[1]);
    expect(new Set(first.out[0])).toEqual(new Set([0, 2]));
    expect(first.inference.every((v) => v === 1)).toBe(true);
    expect(masks(5).out).toEqual(first.out);
  });
});

describe('early stopping', () => {
  /** Trains epoch 1 normally, then makes the weights blow up with a huge learning rate. */
  async function runWithBlowUp(restoreBestWeights: boolean) {
    const model = buildModel(TINY, { seed: 1 });
    const optimizer = createOptimizer('sgd', 0.05);
    const control = new TrainingControl();
    let afterFirstEpoch: number[][] = [];
    const valLosses: (number | null)[] = [];
    const before = tf.memory().numTensors;
    const result = await trainModel(
      model,
      optimizer,
      source,
      { epochs: 5, batchSize: 32, validationSplit: 0.25, trainSize: 256, seed: 1, earlyStopping: { monitor: 'val_loss', patience: 2, restoreBestWeights } },
      {
        onEpoch: (e) => valLosses.push(e.valLoss),
        afterEpoch: async (epoch) => {
          if (epoch !== 0) return;
          afterFirstEpoch = model.getWeights().map((w) => Array.from(w.dataSync()));
          control.requestLearningRate(50);
        },
      },
      { control },
    );
    const final = model.getWeights().map((w) => Array.from(w.dataSync()));
    model.dispose();
    optimizer.dispose();
    return { result, afterFirstEpoch, final, valLosses, leaked: tf.memory().numTensors - before };
  }

  it('stops after `patience` epochs without improvement and restores the best weights', async () => {
    const { result, afterFirstEpoch, final, valLosses, leaked } = await runWithBlowUp(true);
    expect(valLosses).toHaveLength(3);
    expect(result).toMatchObject({ stopped: false, epochsCompleted: 3 });
    expect(result.earlyStopping).toEqual({ monitor: 'val_loss', stoppedEarly: true, bestEpoch: 0, bestValue: valLosses[0], restored: true });
    expect(final).toEqual(afterFirstEpoch);
    // The model's own tensors were disposed; the best-weights copy too.
    expect(leaked).toBeLessThanOrEqual(0);
  });

  it('keeps the last weights when told not to restore', async () => {
    const { result, afterFirstEpoch, final } = await runWithBlowUp(false);
    expect(result.earlyStopping).toMatchObject({ stoppedEarly: true, bestEpoch: 0, restored: false });
    expect(final).not.toEqual(afterFirstEpoch);
  });

  it('refuses to monitor validation metrics without validation examples', async () => {
    const model = buildModel(TINY, { seed: 1 });
    const optimizer = createOptimizer('adam', 0.01);
    const run = trainModel(model, optimizer, source, { epochs: 2, batchSize: 32, validationSplit: 0, trainSize: 64, seed: 1, earlyStopping: { monitor: 'val_accuracy', patience: 1, restoreBestWeights: true } }, {});
    await expect(run).rejects.toThrow(/needs validation examples/);
    model.dispose();
    optimizer.dispose();
  });
});

describe('run control', () => {
  it('a learning-rate change takes effect at the next batch and is reported with its batch', async () => {
    const model = buildModel(TINY, { seed: 2 });
    const optimizer = createOptimizer('adam', 0.01);
    const control = new TrainingControl();
    const changes: LearningRateChange[] = [];
    let batches = 0;
    await trainModel(model, optimizer, source, { epochs: 1, batchSize: 16, validationSplit: 0, trainSize: 96, seed: 2 }, {
      onBatch: () => {
        // Reported one batch late (asynchronous read-back): batch 2 has been submitted already.
        if (++batches === 1) control.requestLearningRate(0.002);
      },
      onLearningRateChange: (c) => changes.push(c),
    }, { control });
    expect(changes).toEqual([{ epoch: 0, batch: 2, step: 3, from: 0.01, to: 0.002 }]);
    expect(getLearningRate(optimizer)).toBe(0.002);
    model.dispose();
    optimizer.dispose();
  });

  it.each(['adam', 'sgd', 'rmsprop', 'adagrad'] as OptimizerName[])('Step runs exactly one batch (%s)', async (name) => {
    const model = buildModel(TINY, { seed: 3 });
    const optimizer = createOptimizer(name, 0.01);
    const control = new TrainingControl();
    control.pause();
    // The loop says each time a pause has taken effect (onWaiting): the moments to look, not a guessed sleep.
    let waits = 0;
    const run = trainModel(model, optimizer, source, { epochs: 1, batchSize: 16, validationSplit: 0, trainSize: 80, seed: 3 }, { onWaiting: () => waits++ }, { control });
    const untilWaits = (n: number) =>
      vi.waitUntil(() => waits >= n, { timeout: 60_000, interval: 5 }).catch(() => {
        throw new Error(`${name}: the loop did not pause for the ${n}th time (paused ${waits} times, ${optimizer.iterations} steps)`);
      });
    await untilWaits(1);
    expect(optimizer.iterations).toBe(0);
    for (const expected of [1, 2, 3]) {
      control.step();
      await untilWaits(expected + 1);
      expect(optimizer.iterations).toBe(expected);
    }
    control.resume();
    expect((await run).batchesCompleted).toBe(5);
    expect(optimizer.iterations).toBe(5);
    model.dispose();
    optimizer.dispose();
  });
});
