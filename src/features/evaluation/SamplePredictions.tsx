import { memo, useState } from 'react';
import { formatCount } from '../../components/format';
import type { FashionMnistData } from '../../ml/data/dataset';
import { selectSamples, total, trace, type SampleSelection } from '../../ml/metrics';
import { exampleView, type EvaluationResult } from './evaluationResult';
import { PredictionTile } from './PredictionTile';

const GRID_SIZE = 30;

const CHOICES: readonly { value: SampleSelection; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'mistakes', label: 'Mistakes only' },
  { value: 'leastConfident', label: 'Least confident' },
];

/** A grid of test images with the prediction, the truth and the confidence, filterable. */
export const SamplePredictions = memo(function SamplePredictions({ result, data }: { result: EvaluationResult; data: FashionMnistData }) {
  const [selection, setSelection] = useState<SampleSelection>('all');
  const positions = selectSamples(result.summary, result.labels, selection, GRID_SIZE);
  const mistakes = total(result.matrix) - trace(result.matrix);
  const explanation = {
    all: `The first ${formatCount(positions.length)} of ${formatCount(result.count)} evaluated test images.`,
    mistakes:
      mistakes === 0
        ? 'No mistakes in this evaluation.'
        : `${formatCount(positions.length)} of the ${formatCount(mistakes)} misclassified test images.`,
    leastConfident: `The ${formatCount(positions.length)} images whose top class got the lowest probability: where the model hesitates.`,
  }[selection];
  return (
    <section className="evaluation__block" aria-labelledby="samples-heading">
      <h3 id="samples-heading">Sample predictions</h3>
      <fieldset className="segmented">
        <legend className="visually-hidden">Which sample predictions to show</legend>
        {CHOICES.map((c) => (
          <label key={c.value}>
            <input type="radio" name="sample-selection" checked={selection === c.value} onChange={() => setSelection(c.value)} /> {c.label}
          </label>
        ))}
      </fieldset>
      <p className="muted evaluation__hint">
        {explanation} <span className="legend-correct">✓ correct</span> · <span className="legend-wrong">✗ wrong</span> (predicted class and its
        probability; the true class under wrong ones).
      </p>
      {positions.length > 0 && (
        <ul className="tile-grid" aria-label="Sample predictions">
          {positions.map((position) => {
            const view = exampleView(result, position);
            return <PredictionTile key={position} view={view} pixels={data.test.image(view.testIndex)} />;
          })}
        </ul>
      )}
    </section>
  );
});
