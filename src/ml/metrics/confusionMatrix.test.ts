import { describe, expect, it } from 'vitest';
import {
  accuracy,
  buildConfusionMatrix,
  cellIndices,
  columnSums,
  confusionMatrixFromCounts,
  normalizeRows,
  rowSums,
  total,
  trace,
} from './confusionMatrix';

// 4 classes, 12 examples, deliberately interleaved so index lookups are not
// just contiguous ranges. Class 2 is never predicted; class 3 never occurs.
//   idx:   0  1  2  3  4  5  6  7  8  9 10 11
const Y_TRUE = [0, 1, 2, 0, 1, 0, 2, 1, 0, 2, 0, 1];
const Y_PRED = [0, 1, 0, 1, 0, 0, 3, 1, 3, 1, 0, 1];
// Tallied by hand, rows = true, cols = predicted:
//   true 0 at idx 0,3,5,8,10 -> pred 0,1,0,3,0 -> [3,1,0,1]
//   true 1 at idx 1,4,7,11   -> pred 1,0,1,1   -> [1,3,0,0]
//   true 2 at idx 2,6,9      -> pred 0,3,1     -> [1,1,0,1]
const EXPECTED = [
  [3, 1, 0, 1],
  [1, 3, 0, 0],
  [1, 1, 0, 1],
  [0, 0, 0, 0],
];

describe('buildConfusionMatrix', () => {
  const cm = buildConfusionMatrix(Y_TRUE, Y_PRED, 4);

  it('counts rows = true class, columns = predicted class', () => {
    expect(cm.numClasses).toBe(4);
    expect(cm.counts).toEqual(EXPECTED);
  });

  it('is not transposed (asymmetric cell check)', () => {
    // true 0 -> predicted 3 happened once; true 3 -> predicted 0 never.
    expect(cm.counts[0][3]).toBe(1);
    expect(cm.counts[3][0]).toBe(0);
  });

  it('accepts typed arrays and defaults to the 10 Fashion-MNIST classes', () => {
    const m = buildConfusionMatrix(Uint8Array.from([9, 9, 6]), Int32Array.from([9, 0, 6]));
    expect(m.numClasses).toBe(10);
    expect(m.counts).toHaveLength(10);
    expect(m.counts[9][9]).toBe(1);
    expect(m.counts[9][0]).toBe(1);
    expect(m.counts[6][6]).toBe(1);
    expect(total(m)).toBe(3);
  });

  it('is frozen', () => {
    expect(() => {
      (cm.counts[0] as number[])[0] = 99;
    }).toThrow(TypeError);
    expect(cm.counts[0][0]).toBe(3);
  });

  it('rejects mismatched lengths and invalid labels', () => {
    expect(() => buildConfusionMatrix([0, 1], [0], 2)).toThrow(RangeError);
    expect(() => buildConfusionMatrix([0, 2], [0, 1], 2)).toThrow(/yTrue\[1\] = 2/);
    expect(() => buildConfusionMatrix([0, 1], [0, -1], 2)).toThrow(/yPred\[1\] = -1/);
    expect(() => buildConfusionMatrix([0.5], [0], 2)).toThrow(RangeError);
    expect(() => buildConfusionMatrix([], [], 0)).toThrow(RangeError);
  });
});

describe('confusionMatrixFromCounts', () => {
  it('round-trips counts and validates shape and values', () => {
    expect(confusionMatrixFromCounts(EXPECTED).counts).toEqual(EXPECTED);
    expect(() => confusionMatrixFromCounts([[1, 2], [3]])).toThrow(/row 1/);
    expect(() => confusionMatrixFromCounts([[1, -2], [3, 4]])).toThrow(RangeError);
    expect(() => confusionMatrixFromCounts([[1, 2.5], [3, 4]])).toThrow(RangeError);
  });
});

describe('matrix helpers', () => {
  const cm = buildConfusionMatrix(Y_TRUE, Y_PRED, 4);

  it('total, trace and accuracy', () => {
    expect(total(cm)).toBe(12);
    expect(trace(cm)).toBe(6); // 3 + 3 + 0 + 0
    expect(accuracy(cm)).toBe(0.5); // 6 / 12
  });

  it('row sums are per-class support, column sums per-class predictions', () => {
    expect(rowSums(cm)).toEqual([5, 4, 3, 0]);
    expect(columnSums(cm)).toEqual([5, 5, 0, 2]);
  });

  it('an empty matrix has accuracy 0, not NaN', () => {
    const empty = buildConfusionMatrix([], [], 3);
    expect(total(empty)).toBe(0);
    expect(accuracy(empty)).toBe(0);
  });

  it('normalizeRows divides each row by its sum and zero-support rows give zeros', () => {
    const n = normalizeRows(cm);
    expect(n[0]).toEqual([3 / 5, 1 / 5, 0, 1 / 5]);
    expect(n[1]).toEqual([1 / 4, 3 / 4, 0, 0]);
    expect(n[2]).toEqual([1 / 3, 1 / 3, 0, 1 / 3]);
    expect(n[3]).toEqual([0, 0, 0, 0]);
    for (const row of n.slice(0, 3)) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('cellIndices finds the examples behind a cell', () => {
    expect(cellIndices(Y_TRUE, Y_PRED, 0, 0)).toEqual([0, 5, 10]);
    expect(cellIndices(Y_TRUE, Y_PRED, 1, 0)).toEqual([4]);
    expect(cellIndices(Y_TRUE, Y_PRED, 0, 1)).toEqual([3]);
    expect(cellIndices(Y_TRUE, Y_PRED, 2, 3)).toEqual([6]);
    expect(cellIndices(Y_TRUE, Y_PRED, 2, 2)).toEqual([]);
    expect(() => cellIndices([0], [0, 1], 0, 0)).toThrow(RangeError);
  });

  it('cellIndices agrees with every count in the matrix', () => {
    for (let t = 0; t < 4; t++) {
      for (let p = 0; p < 4; p++) {
        const idx = cellIndices(Y_TRUE, Y_PRED, t, p);
        expect(idx).toHaveLength(cm.counts[t][p]);
        for (const i of idx) expect([Y_TRUE[i], Y_PRED[i]]).toEqual([t, p]);
      }
    }
  });
});
