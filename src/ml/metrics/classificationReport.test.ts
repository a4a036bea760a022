import { describe, expect, it } from 'vitest';
import { classificationReport } from './classificationReport';
import { buildConfusionMatrix, confusionMatrixFromCounts, rowSums, columnSums, accuracy } from './confusionMatrix';

// Same fixture as confusionMatrix.test.ts:
//            pred 0  1  2  3 | support
//   true 0 [    3,  1, 0, 1 ] 5
//   true 1 [    1,  3, 0, 0 ] 4
//   true 2 [    1,  1, 0, 1 ] 3   <- class 2 is never predicted
//   true 3 [    0,  0, 0, 0 ] 0   <- class 3 has no support
//   predicted  5   5  0  2     total 12, trace 6
const Y_TRUE = [0, 1, 2, 0, 1, 0, 2, 1, 0, 2, 0, 1];
const Y_PRED = [0, 1, 0, 1, 0, 0, 3, 1, 3, 1, 0, 1];
const cm = buildConfusionMatrix(Y_TRUE, Y_PRED, 4);

const pick = (r: ReturnType<typeof classificationReport>) =>
  r.perClass.map((c) => [c.precision, c.recall, c.f1, c.support]);

describe('classificationReport (zeroDivision = 0, the default)', () => {
  const r = classificationReport(cm);

  it('per-class precision, recall, F1, support', () => {
    // class 0: P = 3/5, R = 3/5, F1 = 2·3/(5+5) = 0.6
    // class 1: P = 3/5, R = 3/4, F1 = 2·3/(4+5) = 2/3
    // class 2: P = 0/0 -> 0 (zeroDivision), R = 0/3 = 0, F1 = 0/(3+0) = 0
    // class 3: P = 0/2 = 0, R = 0/0 -> 0 (zeroDivision), F1 = 0/(0+2) = 0
    const got = pick(r);
    const want = [
      [0.6, 0.6, 0.6, 5],
      [0.6, 0.75, 2 / 3, 4],
      [0, 0, 0, 3],
      [0, 0, 0, 0],
    ];
    got.forEach((row, k) => row.forEach((v, j) => expect(v, `class ${k} col ${j}`).toBeCloseTo(want[k][j], 12)));
    expect(r.perClass.map((c) => c.predicted)).toEqual([5, 5, 0, 2]);
  });

  it('accuracy and averages', () => {
    expect(r.accuracy).toBe(0.5); // 6/12
    expect(r.totalSupport).toBe(12);
    // macro P = (0.6 + 0.6 + 0 + 0)/4 = 0.3
    // macro R = (0.6 + 0.75 + 0 + 0)/4 = 0.3375
    // macro F1 = (3/5 + 2/3 + 0 + 0)/4 = (19/15)/4 = 19/60
    expect(r.macroAvg.precision).toBeCloseTo(0.3, 12);
    expect(r.macroAvg.recall).toBeCloseTo(0.3375, 12);
    expect(r.macroAvg.f1).toBeCloseTo(19 / 60, 12);
    expect(r.macroAvg.support).toBe(12);
    // weights = support (5, 4, 3, 0), sum 12
    // weighted P = (5·0.6 + 4·0.6 + 3·0 + 0·0)/12 = 5.4/12 = 0.45
    // weighted R = (5·0.6 + 4·0.75)/12 = 6/12 = 0.5 (always = accuracy)
    // weighted F1 = (5·0.6 + 4·2/3)/12 = (17/3)/12 = 17/36
    expect(r.weightedAvg.precision).toBeCloseTo(0.45, 12);
    expect(r.weightedAvg.recall).toBeCloseTo(0.5, 12);
    expect(r.weightedAvg.f1).toBeCloseTo(17 / 36, 12);
    expect(r.weightedAvg.support).toBe(12);
  });

  it('agrees with the confusion matrix', () => {
    const support = rowSums(cm);
    const predicted = columnSums(cm);
    r.perClass.forEach((c, k) => {
      expect(c.label).toBe(k);
      expect(c.support).toBe(support[k]);
      expect(c.predicted).toBe(predicted[k]);
      if (c.support > 0) expect(c.recall * c.support).toBeCloseTo(cm.counts[k][k], 12);
      if (c.predicted > 0) expect(c.precision * c.predicted).toBeCloseTo(cm.counts[k][k], 12);
    });
    expect(r.accuracy).toBe(accuracy(cm));
    expect(r.weightedAvg.recall).toBeCloseTo(r.accuracy, 12);
  });

  it('contains no NaN', () => {
    for (const c of r.perClass) for (const v of [c.precision, c.recall, c.f1]) expect(Number.isNaN(v)).toBe(false);
  });
});

describe('classificationReport zeroDivision = 1', () => {
  it('substitutes 1 only for the undefined precision / recall', () => {
    const r = classificationReport(cm, { zeroDivision: 1 });
    // class 2: P = 0/0 -> 1, R = 0/3 = 0, F1 = 0/(3+0) = 0 (defined, so not 1)
    // class 3: P = 0/2 = 0, R = 0/0 -> 1, F1 = 0/(0+2) = 0
    expect(pick(r)[2]).toEqual([1, 0, 0, 3]);
    expect(pick(r)[3]).toEqual([0, 1, 0, 0]);
    // macro P = (0.6 + 0.6 + 1 + 0)/4 = 0.55; macro R = (0.6 + 0.75 + 0 + 1)/4 = 0.5875
    expect(r.macroAvg.precision).toBeCloseTo(0.55, 12);
    expect(r.macroAvg.recall).toBeCloseTo(0.5875, 12);
    expect(r.macroAvg.f1).toBeCloseTo(19 / 60, 12);
    // weighted P = (3 + 2.4 + 3·1 + 0·0)/12 = 0.7; class 3's recall of 1 has weight 0
    expect(r.weightedAvg.precision).toBeCloseTo(0.7, 12);
    expect(r.weightedAvg.recall).toBeCloseTo(0.5, 12);
  });

  it('F1 is 0 when precision = recall = 0 are both defined, and 1 only for an absent class', () => {
    // y_true = [0, 1], y_pred = [1, 0], with a third class that never appears.
    // class 0: tp 0, support 1, predicted 1 -> P = 0, R = 0, F1 = 0/(1+1) = 0
    //   (scikit-learn 1.3 returned 1 here; >= 1.4 returns 0)
    // class 1: same -> 0, 0, 0
    // class 2: support 0, predicted 0 -> P = R = F1 = zeroDivision = 1
    const r = classificationReport(buildConfusionMatrix([0, 1], [1, 0], 3), { zeroDivision: 1 });
    expect(pick(r)).toEqual([
      [0, 0, 0, 1],
      [0, 0, 0, 1],
      [1, 1, 1, 0],
    ]);
    expect(r.macroAvg.f1).toBeCloseTo(1 / 3, 12); // (0 + 0 + 1)/3
    expect(r.weightedAvg.f1).toBe(0); // weights (1, 1, 0)
    const r0 = classificationReport(buildConfusionMatrix([0, 1], [1, 0], 3));
    expect(pick(r0)[2]).toEqual([0, 0, 0, 0]);
  });
});

describe('classificationReport zeroDivision = NaN', () => {
  it('marks undefined values NaN, keeps F1 from counts, and skips NaN in averages', () => {
    const r = classificationReport(cm, { zeroDivision: Number.NaN });
    expect(r.perClass[2].precision).toBeNaN();
    expect(r.perClass[2].recall).toBe(0);
    expect(r.perClass[2].f1).toBe(0); // 0/(3+0): a harmonic mean of (NaN, 0) would be NaN
    expect(r.perClass[3].recall).toBeNaN();
    expect(r.perClass[3].f1).toBe(0);
    // macro P over classes 0,1,3 = (0.6 + 0.6 + 0)/3 = 0.4; macro R over 0,1,2 = 1.35/3 = 0.45
    expect(r.macroAvg.precision).toBeCloseTo(0.4, 12);
    expect(r.macroAvg.recall).toBeCloseTo(0.45, 12);
    expect(r.macroAvg.f1).toBeCloseTo(19 / 60, 12);
    // weighted P drops class 2 (weight 3): (3 + 2.4 + 0)/(5 + 4 + 0) = 0.6
    expect(r.weightedAvg.precision).toBeCloseTo(0.6, 12);
    expect(r.weightedAvg.recall).toBeCloseTo(0.5, 12);
  });
});

describe('classificationReport edge cases', () => {
  it("matches scikit-learn's documented classification_report example", () => {
    // From the sklearn docs: y_true = [0, 1, 2, 2, 2], y_pred = [0, 0, 2, 2, 1]
    //   class 0: 0.50 1.00 0.67 1 | class 1: 0.00 0.00 0.00 1 | class 2: 1.00 0.67 0.80 3
    //   accuracy 0.60 | macro 0.50 0.56 0.49 | weighted 0.70 0.60 0.61
    const r = classificationReport(buildConfusionMatrix([0, 1, 2, 2, 2], [0, 0, 2, 2, 1], 3));
    const want = [
      [0.5, 1, 0.67, 1],
      [0, 0, 0, 1],
      [1, 0.67, 0.8, 3],
    ];
    pick(r).forEach((row, k) => row.forEach((v, j) => expect(v).toBeCloseTo(want[k][j], 2)));
    expect(r.accuracy).toBeCloseTo(0.6, 12);
    expect([r.macroAvg.precision, r.macroAvg.recall, r.macroAvg.f1].map((v) => v.toFixed(2))).toEqual([
      '0.50',
      '0.56',
      '0.49',
    ]);
    expect([r.weightedAvg.precision, r.weightedAvg.recall, r.weightedAvg.f1].map((v) => v.toFixed(2))).toEqual([
      '0.70',
      '0.60',
      '0.61',
    ]);
  });

  it('an empty matrix gives zeroDivision everywhere and weighted = unweighted', () => {
    const empty = confusionMatrixFromCounts([
      [0, 0],
      [0, 0],
    ]);
    const r0 = classificationReport(empty);
    expect(r0.accuracy).toBe(0);
    expect([r0.weightedAvg.precision, r0.weightedAvg.recall, r0.weightedAvg.f1]).toEqual([0, 0, 0]);
    const r1 = classificationReport(empty, { zeroDivision: 1 });
    expect([r1.weightedAvg.precision, r1.weightedAvg.recall, r1.weightedAvg.f1]).toEqual([1, 1, 1]);
    expect(r1.totalSupport).toBe(0);
  });

  it('rejects zeroDivision values scikit-learn does not allow', () => {
    expect(() => classificationReport(cm, { zeroDivision: 0.5 })).toThrow(RangeError);
    expect(() => classificationReport(cm, { zeroDivision: -1 })).toThrow(RangeError);
  });
});
