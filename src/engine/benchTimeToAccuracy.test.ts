import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestEngine, TINY_CNN, TINY_CONFIG, untilReady } from '../test-support/engineHarness';
import { SplitData, type FashionMnistData } from '../ml/data/dataset';
import { loadRealSubset } from '../test-support/realData';
import { presetById } from '../ml/model/presets';
import { measureTimeToAccuracy, runConfigForPreset } from './benchTimeToAccuracy';

/** The Fast CNN's own recommendation (what the benchmark must train it with). */
const FAST = presetById('fast').recommended!;

const TINY_RUN = { ...TINY_CONFIG, batchSize: 16, epochs: 2 };

/** 120 training and 40 test images of the real data, whole (one sheet each). */
function loadedData(): { data: FashionMnistData } {
  const split = (name: 'train' | 'test', count: number) => {
    const real = loadRealSubset(name, count);
    const data = new SplitData(name, count, [{ first: 0, count }]);
    data.setSheet(0, real.images);
    data.setLabels(real.labels);
    return data;
  };
  return { data: { train: split('train', 120), test: split('test', 40) } };
}

let open: { connection: { close(): void } }[] = [];
afterEach(() => {
  open.forEach((e) => e.connection.close());
  open = [];
});

describe('time to accuracy in the engine (benchmark request)', () => {
  it('runs a preset with its recommended batch size and epochs, in the app\'s run settings', () => {
    expect(runConfigForPreset('fast', 60000)).toMatchObject({ batchSize: FAST.batchSize, epochs: FAST.epochs, validationSplit: 0.1, trainSize: 60000, earlyStopping: 'off' });
    expect(runConfigForPreset('simple', 60000)).toMatchObject({ batchSize: 64, epochs: 5 });
    expect(FAST.batchSize).not.toBe(64); // else the first check could not tell the recommendation from the default
  });

  it('answers through the protocol for a preset, with test scores after each of its epochs', async () => {
    const engine = startTestEngine();
    open.push(engine);
    await untilReady(engine.probe);
    const result = await engine.connection.request({ kind: 'benchTimeToAccuracy', options: { preset: 'fast', trainSize: 24, testSize: 10, capSeconds: 3600 } });
    expect(result).toMatchObject({ preset: 'fast', batchSize: FAST.batchSize, epochs: FAST.epochs, capped: false, backend: 'cpu' });
    expect(result.scores.map((s) => s.epoch)).toEqual(Array.from({ length: FAST.epochs }, (_, i) => i + 1));
    expect(Object.keys(result.reached)).toEqual(['90%', '91%', '92%', '93%']);
  });

  it('keeps the training clock apart from the evaluations, and keeps no tensors', async () => {
    const { data } = loadedData();
    const tensorsBefore = tf.memory().numTensors;
    const result = await measureTimeToAccuracy(data, { spec: TINY_CNN, config: TINY_RUN, testSize: 40, capSeconds: 3600 });
    expect(result.capped).toBe(false);
    expect(result.scores.map((s) => s.epoch)).toEqual([1, 2]);
    const [first, second] = result.scores;
    expect(second.trainSeconds).toBeGreaterThan(first.trainSeconds);
    // The wall clock counts the evaluations too (validation and test passes).
    expect(first.wallSeconds).toBeGreaterThan(first.trainSeconds);
    expect(second.wallSeconds - first.wallSeconds).toBeGreaterThan(second.trainSeconds - first.trainSeconds);
    expect(second.examples).toBe(2 * first.examples);
    expect(result.examplesPerSecond).toBeCloseTo(result.trainedExamples / second.trainSeconds, 6);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('stops at the time cap and scores the part of the epoch it trained', async () => {
    const { data } = loadedData();
    const result = await measureTimeToAccuracy(data, { spec: TINY_CNN, config: TINY_RUN, testSize: 40, capSeconds: 0 });
    expect(result.capped).toBe(true);
    expect(result.scores).toHaveLength(1);
    // Batch 16, 72 training images (96 with a quarter held out): 5 batches an epoch. The cap is
    // seen at the first batch's report, when the loop already runs the second (one stays in flight).
    expect(result.scores[0].examples).toBe(32);
    expect(result.scores[0].epoch).toBeCloseTo(2 / 5, 6);
  });
});
