import { memo, useEffect, useRef } from 'react';
import { CLASS_NAMES } from '../../ml/constants';
import { normalizeRows, type ConfusionMatrix } from '../../ml/metrics';
import { renderConfusionMatrix } from '../../vis/confusionMatrix';
import { ConfusionMatrixGrid, type Cell } from './ConfusionMatrixGrid';

interface SectionProps {
  readonly matrix: ConfusionMatrix;
  readonly normalized: boolean;
  readonly onNormalizedChange: (normalized: boolean) => void;
  readonly selected: Cell | null;
  readonly onSelect: (cell: Cell) => void;
}

/** The tfjs-vis heat map next to the same matrix as buttons, with a counts / row-% switch. */
export const ConfusionMatrixSection = memo(function ConfusionMatrixSection({ matrix, normalized, onNormalizedChange, selected, onSelect }: SectionProps) {
  const chart = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!chart.current) return;
    const values = normalized ? normalizeRows(matrix).map((row) => row.map((v) => Math.round(v * 100))) : matrix.counts;
    void renderConfusionMatrix(chart.current, values, CLASS_NAMES, { normalized });
  }, [matrix, normalized]);

  return (
    <section className="evaluation__block" aria-labelledby="cm-heading">
      <h3 id="cm-heading">Confusion matrix</h3>
      <p className="muted evaluation__hint">
        Each row is a true class, each column what the model predicted: the diagonal holds the correct answers, everything
        else is a mistake. The row-% view shows each class's own distribution, so its diagonal is the recall.
      </p>
      <fieldset className="segmented">
        <legend className="visually-hidden">Confusion matrix values</legend>
        <label>
          <input type="radio" name="cm-view" checked={!normalized} onChange={() => onNormalizedChange(false)} /> Counts
        </label>
        <label>
          <input type="radio" name="cm-view" checked={normalized} onChange={() => onNormalizedChange(true)} /> % of each true class
        </label>
      </fieldset>
      <div className="cm-layout">
        <figure className="cm-layout__chart">
          <figcaption className="visually-hidden">Confusion matrix heat map (the same numbers are in the table of buttons)</figcaption>
          <div ref={chart} data-testid="confusion-matrix-chart" aria-hidden="true" />
        </figure>
        <div className="cm-layout__grid">
          <ConfusionMatrixGrid matrix={matrix} normalized={normalized} selected={selected} onSelect={onSelect} />
        </div>
      </div>
    </section>
  );
});
