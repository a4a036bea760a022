/** The trainer applies the schedule per batch and reports the rate each batch used (cpu, tiny model). */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRealSubset } from '../../test-support/realData';
import { buildModel, createOptimizer } from '../model/build';
import { SIMPLE_CNN, type ModelSpec } from '../model/spec';
import { TrainingControl } from './control';
import { learningRateAt } from './schedules';
import { trainModel, type BatchEvent, type LearningRateChange } from './trainer';

const real = loadRealSubset('train', 200);
const source = { images: real.images, labels: real.labels, available: () => 200 };
const TINY: ModelSpec = {
  ...SIMPLE_CNN,
  layers: [{ type: 'maxPool2d', poolSize: 4, strides: 4, padding: 'valid' }, { type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }],
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function run(schedule: 'oneCycle' | 'constant', onBatch?: (e: BatchEvent, control: TrainingControl) => void) {
  const model = buildModel(TINY, { seed: 1 });
  const optimizer = createOptimizer('sgd', 0.1);
  const control = new TrainingControl();
  const events: BatchEvent[] = [];
  const changes: LearningRateChange[] = [];
  const before = tf.memory().numTensors;
  await trainModel(
    model,
    optimizer,
    source,
    { epochs: 2, batchSize: 20, validationSplit: 0, trainSize: 200, seed: 1, learningRateSchedule: schedule },
    { onBatch: (e) => (events.push(e), onBatch?.(e, control)), onLearningRateChange: (c) => changes.push(c) },
    { control },
  );
  model.dispose();
  optimizer.dispose();
  return { events, changes, leaked: tf.memory().numTensors - before };
}

describe('scheduled training', () => {
  it('each batch trains with the scheduled rate and reports it', async () => {
    const { events, leaked } = await run('oneCycle');
    expect(events).toHaveLength(20);
    events.forEach((e, i) => expect(e.learningRate).toBeCloseTo(learningRateAt('oneCycle', 0.1, i, 20), 12));
    expect(leaked).toBeLessThanOrEqual(0);
  });

  it('a manual change lands at the next submitted batch and scales the rest of the schedule', async () => {
    const { events, changes } = await run('oneCycle', (e, control) => {
      if (e.epoch === 0 && e.batch === 3) control.requestLearningRate(0.05);
    });
    // Batch 3 is reported after batch 4 was submitted: the change applies from batch 5 (step 6).
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ epoch: 0, batch: 5, step: 6, to: 0.05 });
    expect(events[5].learningRate).toBe(0.05);
    const factor = 0.05 / learningRateAt('oneCycle', 0.1, 5, 20);
    for (let i = 6; i < 20; i++) expect(events[i].learningRate).toBeCloseTo(factor * learningRateAt('oneCycle', 0.1, i, 20), 12);
  });

  it('the constant schedule keeps the rate, as before schedules existed', async () => {
    const { events, changes } = await run('constant');
    expect(new Set(events.map((e) => e.learningRate))).toEqual(new Set([0.1]));
    expect(changes).toEqual([]);
  });
});
