import { memo, useEffect, useRef, useState } from 'react';
import { formatCount } from '../../components/format';
import type { FashionMnistData } from '../../ml/data/dataset';
import type { Cell } from './ConfusionMatrixGrid';
import { examplesInCell, exampleView, type EvaluationResult } from './evaluationResult';
import { cellName, className } from './labels';
import { PredictionTile } from './PredictionTile';

/** Images shown at first, and added by each "Show more". */
const PAGE = 40;

interface GalleryProps {
  readonly result: EvaluationResult;
  readonly data: FashionMnistData;
  readonly cell: Cell;
  readonly onClose: () => void;
}

/**
 * The test images of one confusion-matrix cell, each with its top-3 classes.
 * Gets focus when opened so keyboard and screen-reader users land on it.
 * Mount with a key per cell, so the page count starts over for a new cell.
 */
export const CellGallery = memo(function CellGallery({ result, data, cell, onClose }: GalleryProps) {
  const [shown, setShown] = useState(PAGE);
  const region = useRef<HTMLElement>(null);
  useEffect(() => {
    region.current?.focus();
    region.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const positions = examplesInCell(result, cell.trueClass, cell.predictedClass);
  const visible = positions.slice(0, shown);
  const correct = cell.trueClass === cell.predictedClass;
  return (
    <section className="cell-gallery" aria-labelledby="cell-gallery-heading" tabIndex={-1} ref={region}>
      <div className="cell-gallery__header">
        <h3 id="cell-gallery-heading">{cellName(cell.trueClass, cell.predictedClass)}</h3>
        <button type="button" onClick={onClose}>
          Close gallery
        </button>
      </div>
      <p className="muted">
        {positions.length === 0
          ? `No ${className(cell.trueClass)} image was predicted as ${className(cell.predictedClass)} in this evaluation.`
          : `${formatCount(positions.length)} ${className(cell.trueClass)} ${positions.length === 1 ? 'image' : 'images'} ${
              correct ? 'classified correctly' : `the model called ${className(cell.predictedClass)}`
            }; showing ${formatCount(visible.length)}. Under each: the model's three most likely classes.`}
      </p>
      {visible.length > 0 && (
        <ul className="tile-grid" aria-label="Images in this cell">
          {visible.map((position) => {
            const view = exampleView(result, position);
            return <PredictionTile key={position} view={view} pixels={data.test.image(view.testIndex)} />;
          })}
        </ul>
      )}
      {positions.length > visible.length && (
        <button type="button" onClick={() => setShown((n) => n + PAGE)}>
          Show {formatCount(Math.min(PAGE, positions.length - visible.length))} more
        </button>
      )}
    </section>
  );
});
