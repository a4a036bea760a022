/** Public API of the evaluation metrics (pure functions, no tfjs / DOM). */
export {
  accuracy,
  buildConfusionMatrix,
  cellIndices,
  columnSums,
  confusionMatrixFromCounts,
  normalizeRows,
  rowSums,
  total,
  trace,
  type ConfusionMatrix,
} from './confusionMatrix';
export {
  classificationReport,
  type AverageMetrics,
  type ClassMetrics,
  type ClassificationReport,
  type ClassificationReportOptions,
} from './classificationReport';
export {
  allConfusedPairs,
  compareConfusedPairs,
  mostConfusedPairs,
  type ConfusedPair,
  type ConfusedPairsOptions,
} from './confusedPairs';
export {
  selectSamples,
  summarizePredictions,
  topK,
  type ClassProbability,
  type PredictionSummary,
  type SampleSelection,
} from './predictionQueries';
