import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../model/build';
import { SIMPLE_CNN } from '../model/spec';
import { filterSlice } from './convFilters';
import { convLayerNames, readConvFilters } from './filters';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('readConvFilters', () => {
  it('reads every convolution kernel with its layout and leaves no tensors', async () => {
    const model = buildModel(SIMPLE_CNN);
    expect(convLayerNames(model)).toEqual(['conv2d_1', 'conv2d_3']);
    const before = tf.memory().numTensors;
    const first = await readConvFilters(model, 'conv2d_1');
    const second = await readConvFilters(model, 'conv2d_3');
    expect(tf.memory().numTensors).toBe(before);
    expect(first).toMatchObject({ kernelHeight: 3, kernelWidth: 3, inChannels: 1, outChannels: 32 });
    expect(first.weights.length).toBe(3 * 3 * 1 * 32);
    expect(first.bias?.length).toBe(32);
    expect(second).toMatchObject({ kernelHeight: 3, kernelWidth: 3, inChannels: 32, outChannels: 64 });
    const kernel = model.getLayer('conv2d_3').getWeights()[0].arraySync() as number[][][][];
    const slice = filterSlice(second, 40, 7);
    for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) expect(slice[y * 3 + x]).toBeCloseTo(kernel[y][x][7][40], 6);
    await expect(readConvFilters(model, 'maxPool2d_2')).rejects.toThrow(/not a convolution/);
    expect(() => filterSlice(first, 32, 0)).toThrow(RangeError);
    model.dispose();
  });

  it('returns the weights as they were when the read started, even if training replaces them meanwhile', async () => {
    const model = buildModel(SIMPLE_CNN);
    const layer = model.getLayer('conv2d_1');
    const original = layer.getWeights()[0].dataSync().slice();
    const reading = readConvFilters(model, 'conv2d_1');
    const replacement = tf.zeros([3, 3, 1, 32]);
    layer.setWeights([replacement, tf.zeros([32])]);
    const filters = await reading;
    expect(Array.from(filters.weights)).toEqual(Array.from(original));
    expect(Array.from((await readConvFilters(model, 'conv2d_1')).weights).every((v) => v === 0)).toBe(true);
    model.dispose();
  });
});
