/**
 * Per-class precision / recall / F1 / support with accuracy, macro and weighted
 * averages: the numbers of scikit-learn's `classification_report`, computed from
 * a ConfusionMatrix so they always agree with the matrix shown next to them
 * (support = row sum, predicted count = column sum, recall = diagonal / support).
 *
 * Zero-division semantics (scikit-learn >= 1.4, `precision_recall_fscore_support`):
 *   precision = tp / predicted   -> `zeroDivision` when the class was never predicted
 *   recall    = tp / support     -> `zeroDivision` when the class has no examples
 *   F1        = 2·tp / (support + predicted)
 *                                -> `zeroDivision` only when BOTH are zero
 * F1 is deliberately computed from counts, not as the harmonic mean of the
 * (possibly substituted) precision and recall. That is what current scikit-learn
 * does, and it matters:
 *   - precision + recall = 0 with both defined (tp = 0, but the class has
 *     examples and predictions) gives F1 = 0 even when zeroDivision = 1
 *     (scikit-learn 1.3 returned zero_division there, e.g. macro F1 of
 *     y_true=[1,0], y_pred=[0,1] was 1.0; scikit-learn issue #26864, fixed in 1.4);
 *   - with zeroDivision = NaN, a never-predicted class with support has
 *     precision NaN but F1 = 0 (a harmonic mean would give NaN).
 * For zeroDivision = 0 (the default, = sklearn's "warn" minus the warning) every
 * undefined value is simply 0.
 *
 * Averages follow sklearn's `_nanaverage`: NaN entries (only possible with
 * zeroDivision = NaN) are skipped; if every weight is zero (empty matrix) the
 * weighted average falls back to the unweighted mean.
 *
 * One deliberate difference: sklearn's report lists only labels present in
 * yTrue ∪ yPred unless `labels=` is given; this report always lists all
 * `numClasses` classes (= sklearn with labels=range(numClasses)), because the
 * UI shows a fixed table of the 10 Fashion-MNIST classes. The two only differ
 * when some class has neither examples nor predictions, and then only in the
 * macro average.
 */
import { accuracy, columnSums, rowSums, total, type ConfusionMatrix } from './confusionMatrix';

export interface ClassMetrics {
  /** Class index (row/column of the confusion matrix). */
  readonly label: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Number of examples whose true class is `label` (row sum). */
  readonly support: number;
  /** Number of examples predicted as `label` (column sum); not in sklearn's table but handy for tooltips. */
  readonly predicted: number;
}

export interface AverageMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Total number of examples, as in sklearn's report rows. */
  readonly support: number;
}

export interface ClassificationReport {
  readonly perClass: readonly ClassMetrics[];
  /** trace / total, 0 for an empty matrix. */
  readonly accuracy: number;
  readonly macroAvg: AverageMetrics;
  /** Averages weighted by support. */
  readonly weightedAvg: AverageMetrics;
  readonly totalSupport: number;
  readonly zeroDivision: number;
}

export interface ClassificationReportOptions {
  /**
   * Value used where a ratio is 0/0: 0 (default), 1, or NaN, as scikit-learn's
   * `zero_division`. Other values are rejected, as sklearn does.
   */
  readonly zeroDivision?: number;
}

/** num / den, or `zeroDivision` when den is 0 (sklearn's `_prf_divide`). */
function divide(num: number, den: number, zeroDivision: number): number {
  return den === 0 ? zeroDivision : num / den;
}

/** Weighted mean skipping NaN values; equal weights if all remaining weights are 0 (sklearn `_nanaverage`). */
function nanAverage(values: readonly number[], weights?: readonly number[]): number {
  let sum = 0;
  let wsum = 0;
  let plainSum = 0;
  let count = 0;
  values.forEach((v, i) => {
    if (Number.isNaN(v)) return;
    const w = weights ? weights[i] : 1;
    sum += w * v;
    wsum += w;
    plainSum += v;
    count += 1;
  });
  if (count === 0) return Number.NaN;
  return wsum === 0 ? plainSum / count : sum / wsum;
}

export function classificationReport(
  cm: ConfusionMatrix,
  options: ClassificationReportOptions = {},
): ClassificationReport {
  const zeroDivision = options.zeroDivision ?? 0;
  if (!(zeroDivision === 0 || zeroDivision === 1 || Number.isNaN(zeroDivision))) {
    throw new RangeError(`zeroDivision must be 0, 1 or NaN, got ${zeroDivision}`);
  }
  const support = rowSums(cm);
  const predicted = columnSums(cm);

  const perClass: ClassMetrics[] = [];
  for (let k = 0; k < cm.numClasses; k++) {
    const tp = cm.counts[k][k];
    perClass.push(
      Object.freeze({
        label: k,
        precision: divide(tp, predicted[k], zeroDivision),
        recall: divide(tp, support[k], zeroDivision),
        f1: divide(2 * tp, support[k] + predicted[k], zeroDivision),
        support: support[k],
        predicted: predicted[k],
      }),
    );
  }

  const totalSupport = total(cm);
  const average = (weights?: readonly number[]): AverageMetrics =>
    Object.freeze({
      precision: nanAverage(perClass.map((c) => c.precision), weights),
      recall: nanAverage(perClass.map((c) => c.recall), weights),
      f1: nanAverage(perClass.map((c) => c.f1), weights),
      support: totalSupport,
    });

  return Object.freeze({
    perClass: Object.freeze(perClass),
    accuracy: accuracy(cm),
    macroAvg: average(),
    weightedAvg: average(support),
    totalSupport,
    zeroDivision,
  });
}
