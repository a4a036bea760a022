import { useMemo } from 'react';
import { CLASS_NAMES } from '../../ml/constants';
import { NUM_CLASSES } from '../../ml/constants';
import { buildConfusionMatrix, mostConfusedPairs, summarizePredictions, trace, total } from '../../ml/metrics';
import type { TestPredictions } from '../../state/types';
import { ConceptNote } from './ConceptNote';

/** How to read the confusion matrix, with the current evaluation's own numbers. */
export function ConfusionReading({ evaluation, labels }: { evaluation: TestPredictions | null; labels: Uint8Array }) {
  const facts = useMemo(() => {
    if (!evaluation) return null;
    const truth = Array.from(evaluation.indices, (i) => labels[i]);
    const matrix = buildConfusionMatrix(truth, summarizePredictions(evaluation.probabilities, NUM_CLASSES).predicted);
    const [worst] = mostConfusedPairs(matrix, 1);
    return { correct: trace(matrix), count: total(matrix), worst };
  }, [evaluation, labels]);
  const live = facts && (
    <>
      In the last evaluation the diagonal holds {facts.correct.toLocaleString('en')} of {facts.count.toLocaleString('en')} test images (
      {((facts.correct / Math.max(1, facts.count)) * 100).toFixed(1)}%).
      {facts.worst &&
        (() => {
          const { a, b, aPredictedAsB, bPredictedAsA } = facts.worst;
          const [from, to, n, back] = aPredictedAsB >= bPredictedAsA ? [a, b, aPredictedAsB, bPredictedAsA] : [b, a, bPredictedAsA, aPredictedAsB];
          return (
            <>
              {' '}
              The most mixed-up pair: {n} {CLASS_NAMES[from]} images were called {CLASS_NAMES[to]} (row {CLASS_NAMES[from]}, column {CLASS_NAMES[to]}), and {back} the
              other way round.
            </>
          );
        })()}
    </>
  );
  return <ConceptNote name="confusionMatrix" live={live ?? 'The numbers of the current model appear here after its test evaluation.'} />;
}
