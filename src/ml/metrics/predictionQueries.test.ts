import { describe, expect, it } from 'vitest';
import { selectSamples, summarizePredictions, topK } from './predictionQueries';
import { buildConfusionMatrix, total, trace } from './confusionMatrix';

// 5 examples × 3 classes.
//   e0 [0.70 0.20 0.10] label 0 -> pred 0, conf 0.70, correct
//   e1 [0.10 0.30 0.60] label 1 -> pred 2, conf 0.60, mistake
//   e2 [0.40 0.40 0.20] label 1 -> pred 0 (first max on tie), conf 0.40, mistake
//   e3 [0.05 0.90 0.05] label 1 -> pred 1, conf 0.90, correct
//   e4 [0.35 0.33 0.32] label 2 -> pred 0, conf 0.35, mistake
const PROBS = Float32Array.from([
  0.7, 0.2, 0.1,
  0.1, 0.3, 0.6,
  0.4, 0.4, 0.2,
  0.05, 0.9, 0.05,
  0.35, 0.33, 0.32,
]);
const LABELS = Uint8Array.from([0, 1, 1, 1, 2]);
const f = Math.fround;

describe('summarizePredictions', () => {
  const s = summarizePredictions(PROBS, 3);

  it('argmax and max per row', () => {
    expect(Array.from(s.predicted)).toEqual([0, 2, 0, 1, 0]);
    expect(Array.from(s.confidence)).toEqual([f(0.7), f(0.6), f(0.4), f(0.9), f(0.35)]);
  });

  it('skips NaN entries and gives NaN confidence to an all-NaN row', () => {
    const t = summarizePredictions(Float32Array.from([NaN, 0.2, 0.8, NaN, NaN, NaN, 0.1, NaN, 0.05]), 3);
    expect(Array.from(t.predicted)).toEqual([2, 0, 0]);
    expect(t.confidence[0]).toBe(f(0.8));
    expect(t.confidence[1]).toBeNaN();
    expect(t.confidence[2]).toBe(f(0.1));
  });

  it('rejects a buffer that is not n × numClasses', () => {
    expect(() => summarizePredictions(new Float32Array(7), 3)).toThrow(RangeError);
    expect(() => summarizePredictions(new Float32Array(10))).not.toThrow(); // default NUM_CLASSES = 10
  });

  it('feeds a confusion matrix whose off-diagonal count equals the mistakes', () => {
    const cm = buildConfusionMatrix(LABELS, s.predicted, 3);
    expect(total(cm) - trace(cm)).toBe(selectSamples(s, LABELS, 'mistakes', Infinity).length);
    expect(cm.counts[1][2]).toBe(1); // e1
  });
});

describe('topK', () => {
  it('returns classes by descending probability', () => {
    expect(topK(PROBS, 1, 2, 3)).toEqual([
      { classIndex: 2, probability: f(0.6) },
      { classIndex: 1, probability: f(0.3) },
    ]);
  });

  it('orders ties by class index and clamps k to numClasses', () => {
    expect(topK(PROBS, 2, 5, 3).map((c) => c.classIndex)).toEqual([0, 1, 2]);
    expect(topK(PROBS, 4, 0, 3)).toEqual([]);
  });

  it('puts NaN last', () => {
    expect(topK(Float32Array.from([NaN, 0.1, 0.9]), 0, 3, 3).map((c) => c.classIndex)).toEqual([2, 1, 0]);
  });

  it('rejects out-of-range examples and bad k', () => {
    expect(() => topK(PROBS, 5, 1, 3)).toThrow(RangeError);
    expect(() => topK(PROBS, -1, 1, 3)).toThrow(RangeError);
    expect(() => topK(PROBS, 0, 1.5, 3)).toThrow(RangeError);
  });
});

describe('selectSamples', () => {
  const s = summarizePredictions(PROBS, 3);

  it("'all' is dataset order up to the limit", () => {
    expect(selectSamples(s, LABELS, 'all', 3)).toEqual([0, 1, 2]);
    expect(selectSamples(s, LABELS, 'all', 100)).toEqual([0, 1, 2, 3, 4]);
    expect(selectSamples(s, LABELS, 'all', 0)).toEqual([]);
  });

  it("'mistakes' keeps only predicted !== label", () => {
    expect(selectSamples(s, LABELS, 'mistakes', 10)).toEqual([1, 2, 4]);
    expect(selectSamples(s, LABELS, 'mistakes', 2)).toEqual([1, 2]);
  });

  it("'leastConfident' sorts by ascending confidence", () => {
    // confidences 0.70, 0.60, 0.40, 0.90, 0.35 -> e4, e2, e1, e0, e3
    expect(selectSamples(s, LABELS, 'leastConfident', 10)).toEqual([4, 2, 1, 0, 3]);
    expect(selectSamples(s, LABELS, 'leastConfident', 3)).toEqual([4, 2, 1]);
  });

  it("'leastConfident' puts NaN first and breaks ties by index", () => {
    const t = summarizePredictions(Float32Array.from([0.5, 0.5, 0.9, 0.1, 0.6, 0.4, NaN, NaN]), 2);
    // confidences: 0.5, 0.9, 0.6, NaN
    expect(selectSamples(t, [0, 0, 0, 0], 'leastConfident', 10)).toEqual([3, 0, 2, 1]);
    const tie = summarizePredictions(Float32Array.from([0.6, 0.4, 0.3, 0.7, 0.4, 0.6]), 2);
    // confidences: 0.6, 0.7, 0.6 -> e0 and e2 tie, lower index first
    expect(selectSamples(tie, [0, 0, 0], 'leastConfident', 10)).toEqual([0, 2, 1]);
  });

  it('rejects mismatched labels and bad limits', () => {
    expect(() => selectSamples(s, [0, 1], 'all', 3)).toThrow(RangeError);
    expect(() => selectSamples(s, LABELS, 'all', -1)).toThrow(RangeError);
    expect(() => selectSamples(s, LABELS, 'all', 2.5)).toThrow(RangeError);
  });
});
