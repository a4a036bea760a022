/**
 * One evaluation of a model on (part of) the test set, with every number the
 * evaluation view shows derived from the same predictions, so the confusion
 * matrix, the report, the confused pairs and the sample grid cannot disagree.
 * Pure: no tfjs, no DOM (the probabilities come from `predictInBatches`).
 */
import { NUM_CLASSES } from '../../ml/constants';
import {
  buildConfusionMatrix,
  cellIndices,
  classificationReport,
  mostConfusedPairs,
  summarizePredictions,
  topK,
  type ClassProbability,
  type ClassificationReport,
  type ConfusedPair,
  type ConfusionMatrix,
  type PredictionSummary,
} from '../../ml/metrics';

/** Where the numbers come from: the cheap per-epoch subset, or the run's final test evaluation. */
export type EvaluationSource =
  | { readonly kind: 'epoch'; readonly epoch: number; readonly epochs: number }
  | { readonly kind: 'final'; readonly partial: boolean; readonly epochsCompleted: number; readonly epochs: number };

export interface EvaluationResult {
  readonly source: EvaluationSource;
  /** Number of evaluated examples n. */
  readonly count: number;
  /** Test-set index of each evaluated example (length n); example i is test image testIndices[i]. */
  readonly testIndices: Int32Array;
  /** True class of each evaluated example (length n). */
  readonly labels: Uint8Array;
  /** n × 10 class probabilities, row-major, each row summing to 1. */
  readonly probabilities: Float32Array;
  readonly summary: PredictionSummary;
  readonly matrix: ConfusionMatrix;
  readonly report: ClassificationReport;
  /** Every class pair that was confused at least once, most confused first. */
  readonly pairs: readonly ConfusedPair[];
  /** Wall-clock time of the forward passes, in seconds. */
  readonly seconds: number;
}

export interface EvaluationInput {
  readonly source: EvaluationSource;
  readonly testIndices: Int32Array;
  /** Labels of the whole test split, indexed by test index. */
  readonly allLabels: Uint8Array;
  readonly probabilities: Float32Array;
  readonly seconds: number;
}

export function buildEvaluation(input: EvaluationInput): EvaluationResult {
  const n = input.testIndices.length;
  if (input.probabilities.length !== n * NUM_CLASSES) {
    throw new RangeError(`${input.probabilities.length} probabilities for ${n} examples; expected ${n * NUM_CLASSES}`);
  }
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) labels[i] = input.allLabels[input.testIndices[i]];
  const summary = summarizePredictions(input.probabilities, NUM_CLASSES);
  const matrix = buildConfusionMatrix(labels, summary.predicted, NUM_CLASSES);
  return {
    source: input.source,
    count: n,
    testIndices: input.testIndices,
    labels,
    probabilities: input.probabilities,
    summary,
    matrix,
    report: classificationReport(matrix),
    pairs: mostConfusedPairs(matrix, NUM_CLASSES * NUM_CLASSES),
    seconds: input.seconds,
  };
}

/** Example positions (0..n-1, ascending) whose true class is `trueClass` and prediction `predictedClass`. */
export function examplesInCell(result: EvaluationResult, trueClass: number, predictedClass: number): number[] {
  return cellIndices(result.labels, result.summary.predicted, trueClass, predictedClass);
}

/** What one evaluated example shows: its image index, classes, confidence and top-3. */
export interface ExampleView {
  /** Position in the evaluation (0..n-1). */
  readonly position: number;
  readonly testIndex: number;
  readonly trueClass: number;
  readonly predictedClass: number;
  /** Probability of the predicted class, 0..1. */
  readonly confidence: number;
  readonly correct: boolean;
  readonly top3: readonly ClassProbability[];
}

export function exampleView(result: EvaluationResult, position: number): ExampleView {
  const trueClass = result.labels[position];
  const predictedClass = result.summary.predicted[position];
  return {
    position,
    testIndex: result.testIndices[position],
    trueClass,
    predictedClass,
    confidence: result.summary.confidence[position],
    correct: trueClass === predictedClass,
    top3: topK(result.probabilities, position, 3, NUM_CLASSES),
  };
}
