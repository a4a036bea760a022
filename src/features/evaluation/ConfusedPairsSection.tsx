import { memo } from 'react';
import { formatCount } from '../../components/format';
import { SampleImage } from '../../components/SampleImage';
import type { FashionMnistData } from '../../ml/data/dataset';
import type { Cell } from './ConfusionMatrixGrid';
import { examplesInCell, exampleView, type EvaluationResult } from './evaluationResult';
import { className, exampleLabel, imagesCount } from './labels';

const TOP_PAIRS = 5;
const EXAMPLES_PER_DIRECTION = 4;

interface PairsProps {
  readonly result: EvaluationResult;
  readonly data: FashionMnistData;
  readonly onSelect: (cell: Cell) => void;
}

/** The class pairs the model mixes up most, each direction with a few example images. */
export const ConfusedPairsSection = memo(function ConfusedPairsSection({ result, data, onSelect }: PairsProps) {
  const pairs = result.pairs.slice(0, TOP_PAIRS);
  return (
    <section className="evaluation__block" aria-labelledby="pairs-heading">
      <h3 id="pairs-heading">Most-confused pairs</h3>
      {pairs.length === 0 ? (
        <p className="muted">No mistakes in this evaluation, so no class is confused with another.</p>
      ) : (
        <>
          <p className="muted evaluation__hint">
            Mistakes between two classes in either direction, out of {formatCount(result.count)} test images. Similar shapes
            (tops with sleeves, footwear) are where a small CNN struggles.
          </p>
          <ol className="pairs">
            {pairs.map((pair) => (
              <li key={`${pair.a}-${pair.b}`} className="pairs__item">
                <p className="pairs__title">
                  <strong>
                    {className(pair.a)} ↔ {className(pair.b)}
                  </strong>{' '}
                  <span className="muted">· {pair.total === 1 ? '1 mistake' : `${formatCount(pair.total)} mistakes`}</span>
                </p>
                <PairDirection result={result} data={data} trueClass={pair.a} predictedClass={pair.b} count={pair.aPredictedAsB} onSelect={onSelect} />
                <PairDirection result={result} data={data} trueClass={pair.b} predictedClass={pair.a} count={pair.bPredictedAsA} onSelect={onSelect} />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
});

function PairDirection({
  result,
  data,
  trueClass,
  predictedClass,
  count,
  onSelect,
}: {
  result: EvaluationResult;
  data: FashionMnistData;
  trueClass: number;
  predictedClass: number;
  count: number;
  onSelect: (cell: Cell) => void;
}) {
  const description = `${className(trueClass)} predicted as ${className(predictedClass)}`;
  const examples = count > 0 ? examplesInCell(result, trueClass, predictedClass).slice(0, EXAMPLES_PER_DIRECTION) : [];
  return (
    <div className="pairs__direction">
      <div className="pairs__text">
        <p>
          {description}: <strong>{formatCount(count)}</strong>
        </p>
        {examples.length > 0 && (
          <button type="button" className="link-button" onClick={() => onSelect({ trueClass, predictedClass })}>
            {count > EXAMPLES_PER_DIRECTION ? `See all ${imagesCount(count)}` : 'Open in the gallery'}
            <span className="visually-hidden">: {description}</span>
          </button>
        )}
      </div>
      {examples.length > 0 && (
        <ul className="pairs__examples" aria-label={`Examples: ${description}`}>
          {examples.map((position) => {
            const view = exampleView(result, position);
            return (
              <li key={position}>
                <SampleImage pixels={data.test.image(view.testIndex)} label={exampleLabel(view)} size={44} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
