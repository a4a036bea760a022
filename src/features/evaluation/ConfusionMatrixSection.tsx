import { memo } from 'react';
import type { ConfusionMatrix } from '../../ml/metrics';
import { ConfusionMatrixGrid, type Cell } from './ConfusionMatrixGrid';

interface SectionProps {
  readonly matrix: ConfusionMatrix;
  readonly normalized: boolean;
  readonly onNormalizedChange: (normalized: boolean) => void;
  readonly selected: Cell | null;
  readonly onSelect: (cell: Cell) => void;
}

/**
 * The confusion matrix once, as a table of buttons shaded on a colour-blind-safe scale (the
 * numbers are always printed), with a counts / row-% switch. The tfjs-vis heat map that used
 * to sit beside it showed the same numbers a second time, in a second colour scheme.
 */
export const ConfusionMatrixSection = memo(function ConfusionMatrixSection({ matrix, normalized, onNormalizedChange, selected, onSelect }: SectionProps) {
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
      <div className="cm-layout__grid" tabIndex={0} role="region" aria-label="Matrix cells (scroll sideways on a small screen)">
        <ConfusionMatrixGrid matrix={matrix} normalized={normalized} selected={selected} onSelect={onSelect} />
      </div>
    </section>
  );
});
