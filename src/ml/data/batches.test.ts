import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { epochBatches, imagesTensor, labelsTensor, range } from './batches';

describe('batching', () => {
  it('covers every example exactly once per epoch, shuffled', () => {
    const rng = createRng(42);
    const indices = range(10, 110);
    const seenOrders: string[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      const batches = epochBatches(indices, 32, rng);
      expect(batches.map((b) => b.length)).toEqual([32, 32, 32, 4]);
      const all = batches.flatMap((b) => Array.from(b));
      expect([...all].sort((a, b) => a - b)).toEqual(Array.from(indices));
      seenOrders.push(all.join(','));
    }
    expect(new Set(seenOrders).size).toBe(3); // a new order each epoch
    expect(seenOrders[0]).not.toBe(Array.from(indices).join(','));
  });

  it('is reproducible with the same seed and keeps order without an rng', () => {
    const a = epochBatches(range(0, 50), 8, createRng(7)).map((b) => Array.from(b));
    const b = epochBatches(range(0, 50), 8, createRng(7)).map((b) => Array.from(b));
    expect(a).toEqual(b);
    expect(Array.from(epochBatches(range(0, 5), 2)[1])).toEqual([2, 3]);
    expect(() => epochBatches(range(0, 5), 0)).toThrow(/positive integer/);
  });

  it('builds normalised image tensors and one-hot labels for chosen indices', async () => {
    await tf.setBackend('cpu');
    const images = new Uint8Array(3 * 784);
    images[784 * 2] = 255;
    images[784 * 2 + 1] = 51;
    const xs = imagesTensor(images, [2, 0], 'unit');
    expect(xs.shape).toEqual([2, 28, 28, 1]);
    const values = await xs.data();
    expect([values[0], values[784]]).toEqual([1, 0]);
    expect(values[1]).toBeCloseTo(0.2, 6);
    const ys = labelsTensor(Uint8Array.of(3, 9, 1), [1, 2]);
    expect(await ys.array()).toEqual([
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
      [0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    ]);
    tf.dispose([xs, ys]);
  });
});
