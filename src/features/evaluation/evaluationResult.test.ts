import { describe, expect, it } from 'vitest';
import { NUM_CLASSES } from '../../ml/constants';
import { columnSums, rowSums, total, trace } from '../../ml/metrics';
import { buildEvaluation, examplesInCell, exampleView } from './evaluationResult';

/** A probability row that puts `p` on `cls` and spreads the rest evenly. */
function row(cls: number, p: number): number[] {
  return Array.from({ length: NUM_CLASSES }, (_, c) => (c === cls ? p : (1 - p) / (NUM_CLASSES - 1)));
}

// Test split of 8 images with these labels; the evaluation covers test images 5, 1, 6, 2, 7 (in that order).
const ALL_LABELS = Uint8Array.from([9, 6, 0, 3, 4, 6, 0, 6]);
const TEST_INDICES = Int32Array.from([5, 1, 6, 2, 7]);
// Predictions per position: 0 (Shirt→T-shirt), 6 (Shirt→Shirt), 0 (T-shirt→T-shirt), 6 (T-shirt→Shirt), 0 (Shirt→T-shirt)
const PROBS = Float32Array.from([...row(0, 0.7), ...row(6, 0.9), ...row(0, 0.8), ...row(6, 0.55), ...row(0, 0.4)]);
const source = { kind: 'epoch', epoch: 0, epochs: 2 } as const;
const result = buildEvaluation({ source, testIndices: TEST_INDICES, allLabels: ALL_LABELS, probabilities: PROBS, seconds: 0.5 });

describe('buildEvaluation', () => {
  it('takes each example’s label from its test index', () => {
    expect(Array.from(result.labels)).toEqual([6, 6, 0, 0, 6]);
    expect(Array.from(result.summary.predicted)).toEqual([0, 6, 0, 6, 0]);
    expect(result.count).toBe(5);
  });

  it('derives matrix, report and pairs from the same predictions', () => {
    expect(result.matrix.counts[6][0]).toBe(2);
    expect(result.matrix.counts[0][6]).toBe(1);
    expect(total(result.matrix)).toBe(5);
    expect(trace(result.matrix)).toBe(2);
    const support = rowSums(result.matrix);
    const predicted = columnSums(result.matrix);
    result.report.perClass.forEach((c, k) => {
      expect(c.support).toBe(support[k]);
      expect(c.predicted).toBe(predicted[k]);
    });
    expect(result.report.perClass[6].recall).toBeCloseTo(1 / 3, 12);
    expect(result.report.accuracy).toBeCloseTo(0.4, 12);
    expect(result.pairs).toEqual([{ a: 0, b: 6, aPredictedAsB: 1, bPredictedAsA: 2, total: 3 }]);
    expect(result.seconds).toBe(0.5);
  });

  it('finds the examples of a cell', () => {
    expect(examplesInCell(result, 6, 0)).toEqual([0, 4]);
    expect(examplesInCell(result, 0, 6)).toEqual([3]);
    expect(examplesInCell(result, 3, 3)).toEqual([]);
  });

  it('describes one example with its top-3', () => {
    const view = exampleView(result, 4);
    expect(view).toMatchObject({ position: 4, testIndex: 7, trueClass: 6, predictedClass: 0, correct: false });
    expect(view.confidence).toBeCloseTo(0.4, 6);
    expect(view.top3.map((c) => c.classIndex)).toEqual([0, 1, 2]);
    expect(view.top3[1].probability).toBeCloseTo(0.6 / 9, 6);
    expect(exampleView(result, 1).correct).toBe(true);
  });

  it('rejects probabilities that do not match the examples', () => {
    expect(() =>
      buildEvaluation({ source, testIndices: TEST_INDICES, allLabels: ALL_LABELS, probabilities: PROBS.subarray(10), seconds: 0 }),
    ).toThrow(RangeError);
  });
});
