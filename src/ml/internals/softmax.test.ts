import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { softmaxBreakdown } from './softmax';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('softmaxBreakdown', () => {
  it('agrees with tf.softmax and sums to 1', () => {
    const logits = [2, -1, 0.5, 3.2, 0, 0, -4, 1, 1, 0.1];
    const { rows, maxLogit, sumExp } = softmaxBreakdown(logits);
    const expected = tf.tidy(() => tf.softmax(tf.tensor1d(logits)).dataSync());
    rows.forEach((row, i) => expect(row.probability).toBeCloseTo(expected[i], 6));
    expect(rows.reduce((s, r) => s + r.probability, 0)).toBeCloseTo(1, 10);
    expect(maxLogit).toBe(3.2);
    expect(rows[3].exp).toBe(1);
    expect(sumExp).toBeCloseTo(rows.reduce((s, r) => s + r.exp, 0), 12);
  });

  it('does not overflow on large scores, and equal scores give equal probabilities', () => {
    const { rows } = softmaxBreakdown([1000, 1000]);
    expect(rows.map((r) => r.probability)).toEqual([0.5, 0.5]);
    expect(() => softmaxBreakdown([])).toThrow();
  });
});
