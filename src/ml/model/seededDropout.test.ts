import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { dropoutMask, SeededDropout } from './seededDropout';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('dropoutMask', () => {
  it('drops about `rate` of the values and scales the rest to keep the mean', () => {
    const mask = dropoutMask(100_000, 0.25, createRng(1));
    const dropped = mask.filter((v) => v === 0).length / mask.length;
    expect(dropped).toBeGreaterThan(0.24);
    expect(dropped).toBeLessThan(0.26);
    expect(new Set(mask)).toEqual(new Set([0, Math.fround(1 / 0.75)]));
    const mean = mask.reduce((a, b) => a + b, 0) / mask.length;
    expect(mean).toBeCloseTo(1, 1);
  });
});

describe('SeededDropout', () => {
  const x = () => tf.ones([4, 6, 6, 3]);

  it('draws a different mask on each training call, the same sequence for the same seed', () => {
    const masks = (seed: number) => {
      const layer = new SeededDropout({ rate: 0.5, seed });
      return [0, 1, 2].map(() => tf.tidy(() => Array.from((layer.apply(x(), { training: true }) as tf.Tensor).dataSync())));
    };
    const [a, b] = [masks(3), masks(3)];
    expect(a).toEqual(b);
    expect(a[0]).not.toEqual(a[1]);
    expect(masks(4)[0]).not.toEqual(a[0]);
  });

  it('passes inputs through unchanged at inference and with rate 0', () => {
    const input = tf.tensor([1, 2, 3, 4]);
    expect((new SeededDropout({ rate: 0.5, seed: 1 }).apply(input) as tf.Tensor).dataSync()).toEqual(input.dataSync());
    expect((new SeededDropout({ rate: 0, seed: 1 }).apply(input, { training: true }) as tf.Tensor).dataSync()).toEqual(input.dataSync());
    input.dispose();
  });

  it('lets the gradient through exactly where units were kept, and leaks no tensors', () => {
    const [forGrad, forOutput] = [new SeededDropout({ rate: 0.3, seed: 9 }), new SeededDropout({ rate: 0.3, seed: 9 })];
    const input = x();
    const before = tf.memory().numTensors;
    const grad = tf.grad((t: tf.Tensor) => tf.sum(forGrad.apply(t, { training: true }) as tf.Tensor))(input);
    const out = tf.tidy(() => forOutput.apply(input, { training: true }) as tf.Tensor);
    // The input is all ones, so the output is the mask, and d(sum)/dx is the mask too.
    expect(Array.from(grad.dataSync())).toEqual(Array.from(out.dataSync()));
    tf.dispose([grad, out]);
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
  });
});
