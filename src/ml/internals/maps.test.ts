import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { channelMap, pool2d, strongestWindow, valueRange, zeroFraction } from './maps';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('channelMap', () => {
  it('pulls one channel out of a channel-last array', () => {
    // [2, 2, 3]: value = 100*row + 10*col + channel
    const values = Float32Array.from({ length: 12 }, (_, i) => {
      const channel = i % 3;
      const pixel = Math.floor(i / 3);
      return 100 * Math.floor(pixel / 2) + 10 * (pixel % 2) + channel;
    });
    expect(Array.from(channelMap(values, 2, 2, 3, 2).values)).toEqual([2, 12, 102, 112]);
    expect(() => channelMap(values, 2, 2, 3, 3)).toThrow(/channel 3/);
    expect(() => channelMap(values, 3, 2, 3, 0)).toThrow(/do not fill/);
  });
});

describe('pool2d', () => {
  it('matches tf max and average pooling (valid padding), including odd sizes', () => {
    const [h, w] = [7, 9];
    const values = Float32Array.from({ length: h * w }, (_, i) => Math.sin(i * 1.7) * 3);
    for (const [mode, op] of [
      ['max', tf.maxPool],
      ['avg', tf.avgPool],
    ] as const) {
      const ours = pool2d({ values, height: h, width: w }, 2, 2, mode);
      const theirs = tf.tidy(() => op(tf.tensor4d(values, [1, h, w, 1]), 2, 2, 'valid').dataSync());
      expect([ours.height, ours.width]).toEqual([3, 4]);
      ours.values.forEach((v, i) => expect(v).toBeCloseTo(theirs[i], 5));
    }
  });

  it('keeps the peak with max but spreads it with average', () => {
    const map = { values: Float32Array.from([4, 0, 0, 0]), height: 2, width: 2 };
    expect(pool2d(map, 2, 2, 'max').values[0]).toBe(4);
    expect(pool2d(map, 2, 2, 'avg').values[0]).toBe(1);
  });
});

describe('map statistics', () => {
  it('finds the range, the zero fraction and the window of the peak', () => {
    const values = Float32Array.from([0, 0, -1, 2, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0]);
    expect(valueRange(values)).toEqual({ min: -1, max: 9 });
    expect(valueRange([])).toEqual({ min: 0, max: 0 });
    expect(zeroFraction(values)).toBe(13 / 16);
    expect(strongestWindow({ values, height: 4, width: 4 }, 2, 2)).toEqual({ row: 2, col: 2 });
  });
});
