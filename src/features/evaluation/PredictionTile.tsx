import { SampleImage } from '../../components/SampleImage';
import { formatPercent } from '../../components/format';
import type { ExampleView } from './evaluationResult';
import { className, exampleLabel } from './labels';

/**
 * One test image with what the model said about it. Correct and wrong differ in
 * colour AND symbol (✓ / ✗) AND words, so nothing depends on seeing colour.
 */
export function PredictionTile({ view, pixels, showTop3 = true, size = 72 }: { view: ExampleView; pixels: Uint8Array; showTop3?: boolean; size?: number }) {
  const verdict = view.correct ? 'correct' : 'wrong';
  return (
    <li className={`prediction-tile prediction-tile--${verdict}`}>
      <SampleImage pixels={pixels} label={exampleLabel(view)} size={size} />
      {/* The image's accessible name already says all of this; the caption is for sighted readers. */}
      <div className="prediction-tile__caption" aria-hidden="true">
        <span className="prediction-tile__verdict">
          <span className="prediction-tile__symbol">{view.correct ? '✓' : '✗'}</span> {className(view.predictedClass)}{' '}
          {formatPercent(view.confidence, 0)}
        </span>
        <span className="prediction-tile__truth">{view.correct ? 'correct' : `true: ${className(view.trueClass)}`}</span>
      </div>
      {showTop3 && (
        <ol className="prediction-tile__top3" aria-label="Top 3 classes">
          {view.top3.map((c) => (
            <li key={c.classIndex}>
              <span>{className(c.classIndex)}</span> <span className="prediction-tile__prob">{formatPercent(c.probability, 0)}</span>
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}
