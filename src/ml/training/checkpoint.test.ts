/**
 * Checkpoint → resume continues the run exactly: the resumed batches have the same losses
 * as an uninterrupted run with the same seed (cpu backend, tiny data, every random part on).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRealSubset } from '../../test-support/realData';
import { buildModel, createOptimizer } from '../model/build';
import { SIMPLE_CNN, type ModelSpec, type OptimizerName } from '../model/spec';
import { captureCheckpoint, restoreCheckpoint, type Checkpoint } from './checkpoint';
import { trainModel, type TrainConfig } from './trainer';

const real = loadRealSubset('train', 96);
const source = { images: real.images, labels: real.labels, available: () => 96 };

const spec = (optimizer: OptimizerName): ModelSpec => ({
  ...SIMPLE_CNN,
  optimizer,
  learningRate: 0.01,
  l2: 0.001,
  augmentation: { shift: 2, flip: true, erase: 0.5 },
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
    { type: 'batchNorm' },
    { type: 'dropout', rate: 0.3 },
    { type: 'flatten' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
});

const SEED = 11;
const config = (s: ModelSpec): TrainConfig => ({ epochs: 3, batchSize: 16, validationSplit: 0.25, trainSize: 96, seed: SEED, l2: s.l2, augmentation: s.augmentation });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Losses of every batch, keyed "epoch:batch". */
type Losses = Map<string, number>;

async function uninterrupted(s: ModelSpec): Promise<Losses> {
  const model = buildModel(s, { seed: SEED });
  const optimizer = createOptimizer(s.optimizer, s.learningRate);
  const losses: Losses = new Map();
  await trainModel(model, optimizer, source, config(s), { onBatch: (e) => losses.set(`${e.epoch}:${e.batch}`, e.loss) });
  model.dispose();
  optimizer.dispose();
  return losses;
}

/** Trains until the end of `stopAfter` (epoch index), checkpointing there, then stops. */
async function checkpointAt(s: ModelSpec, stopAfter: number): Promise<Checkpoint> {
  const model = buildModel(s, { seed: SEED });
  const optimizer = createOptimizer(s.optimizer, s.learningRate);
  const abort = new AbortController();
  let checkpoint: Checkpoint | null = null;
  const epochs: Checkpoint['history']['epochs'] = [];
  await trainModel(
    model,
    optimizer,
    source,
    config(s),
    {
      onEpoch: (e) => epochs.push(e),
      afterEpoch: async (epoch, state) => {
        if (epoch !== stopAfter) return;
        checkpoint = await captureCheckpoint({ model, optimizer, spec: s, modelSeed: SEED, config: config(s), state, history: { epochs, batches: [] } });
        abort.abort();
      },
    },
    { signal: abort.signal },
  );
  model.dispose();
  optimizer.dispose();
  if (!checkpoint) throw new Error('no checkpoint was taken');
  return checkpoint;
}

async function resumed(checkpoint: Checkpoint, freshOptimizer = false): Promise<{ losses: Losses; epochsCompleted: number }> {
  const { model, optimizer: restored } = await restoreCheckpoint(checkpoint);
  const optimizer = freshOptimizer ? createOptimizer(checkpoint.spec.optimizer, checkpoint.spec.learningRate) : restored;
  const losses: Losses = new Map();
  const result = await trainModel(model, optimizer, source, checkpoint.config, { onBatch: (e) => losses.set(`${e.epoch}:${e.batch}`, e.loss) }, { resume: checkpoint.state });
  model.dispose();
  restored.dispose();
  optimizer.dispose();
  return { losses, epochsCompleted: result.epochsCompleted };
}

describe('checkpoint and resume', () => {
  it.each(['adam', 'sgd', 'rmsprop', 'adagrad'] as OptimizerName[])('%s: the resumed run has the same batch losses as an uninterrupted one', async (name) => {
    const s = spec(name);
    const reference = await uninterrupted(s);
    const checkpoint = await checkpointAt(s, 0);
    expect(checkpoint.state.epochsCompleted).toBe(1);
    expect(checkpoint.optimizer.weights.length).toBeGreaterThan(1);
    const { losses, epochsCompleted } = await resumed(checkpoint);
    expect(epochsCompleted).toBe(3);
    // Epochs 1 and 2 only, batch for batch: the next-batch loss first of all.
    expect([...losses.keys()][0]).toBe('1:0');
    expect(losses.get('1:0')).toBe(reference.get('1:0'));
    expect(losses).toEqual(new Map([...reference].filter(([key]) => !key.startsWith('0:'))));
  });

  it("Adam's moments matter: resuming with a fresh optimizer changes the losses after the first step", async () => {
    const s = spec('adam');
    const reference = await uninterrupted(s);
    const { losses } = await resumed(await checkpointAt(s, 0), true);
    // The first resumed batch's loss is measured before its step, so only the weights decide it.
    expect(losses.get('1:0')).toBe(reference.get('1:0'));
    expect(losses.get('1:1')).not.toBe(reference.get('1:1'));
  });

  it('the checkpoint is plain data that survives structured cloning (IndexedDB, worker messages)', async () => {
    const s = spec('adam');
    const checkpoint = await checkpointAt(s, 1);
    const copy = structuredClone(checkpoint);
    expect(copy).toEqual(checkpoint);
    expect(copy.history.epochs).toHaveLength(2);
    expect(copy.dropoutCalls).toEqual([checkpoint.state.batchesCompleted]);
  });

  it('leaves no tensors behind', async () => {
    const s = spec('adam');
    const checkpoint = await checkpointAt(s, 0);
    const before = tf.memory().numTensors;
    await resumed(checkpoint);
    expect(tf.memory().numTensors).toBe(before);
  });
});
