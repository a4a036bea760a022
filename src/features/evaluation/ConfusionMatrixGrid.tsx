import type { CSSProperties } from 'react';
import { formatCount, formatPercent } from '../../components/format';
import { CLASS_NAMES } from '../../ml/constants';
import { normalizeRows, type ConfusionMatrix } from '../../ml/metrics';
import { cellName, className, imagesCount } from './labels';

const MISTAKE_SHADE_GAIN = 2.5;
const MISTAKE_SHADE_MAX = 0.85;
/**
 * Between about 65% and 85% of #08519c mixed into white neither dark nor white text reaches the
 * 4.5:1 contrast WCAG asks for (75% gave 4.26:1). So a diagonal share below 62% keeps dark text
 * on its own shade (≥ 5:1), and from 62% on the cell is drawn at least 88% dark with white text
 * (≥ 6:1). Orange mistakes keep dark text.
 */
const WHITE_TEXT_FROM = 0.62;
const DARK_SHADE_FLOOR = 0.88;

export interface Cell {
  readonly trueClass: number;
  readonly predictedClass: number;
}

interface GridProps {
  readonly matrix: ConfusionMatrix;
  readonly normalized: boolean;
  readonly selected: Cell | null;
  readonly onSelect: (cell: Cell) => void;
}

/**
 * The confusion matrix as a table of buttons (rows: true class, columns:
 * predicted class), one per cell, named like "True Shirt, predicted
 * T-shirt/top: 123 images". The shade follows the row share, blue on the
 * diagonal (correct) and orange off it (mistakes), a colour-blind-safe pair;
 * the number is always printed, so colour is never the only signal.
 */
export function ConfusionMatrixGrid({ matrix, normalized, selected, onSelect }: GridProps) {
  const shares = normalizeRows(matrix);
  return (
    <table className="cm-grid">
      <caption>
        Rows: true class · columns: predicted class · cells: {normalized ? '% of the row' : 'image counts'}. Choose a cell to
        see its images.
      </caption>
      <thead>
        <tr>
          <td className="cm-grid__corner" aria-hidden="true">
            true ↓ predicted →
          </td>
          {CLASS_NAMES.map((name) => (
            <th key={name} scope="col" className="cm-grid__col">
              <span>{name}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.counts.map((row, t) => (
          <tr key={t}>
            <th scope="row" className="cm-grid__row">
              {className(t)}
            </th>
            {row.map((count, p) => {
              const share = shares[t][p];
              // Mistakes are rarely more than a fifth of a row, so their shade saturates sooner.
              // Orange mistakes stop at 85%: dark text on full #d55e00 falls to about 4.1:1, at 85% it keeps about 5.2:1.
              const raw = t === p ? share : Math.min(MISTAKE_SHADE_MAX, share * MISTAKE_SHADE_GAIN);
              const intensity = t === p && raw >= WHITE_TEXT_FROM ? Math.max(raw, DARK_SHADE_FLOOR) : raw;
              const isSelected = selected?.trueClass === t && selected.predictedClass === p;
              const label = `${cellName(t, p)}: ${imagesCount(count)}${normalized ? `, ${formatPercent(share, 0)} of true ${className(t)}` : ''}`;
              return (
                <td key={p}>
                  <button
                    type="button"
                    className={`cm-grid__cell ${t === p ? 'cm-grid__cell--diagonal' : 'cm-grid__cell--mistake'}${t === p && intensity >= WHITE_TEXT_FROM ? ' cm-grid__cell--dark' : ''}`}
                    style={{ '--intensity': `${(intensity * 100).toFixed(1)}%` } as CSSProperties}
                    aria-label={label}
                    title={label}
                    aria-pressed={isSelected}
                    disabled={count === 0}
                    onClick={() => onSelect({ trueClass: t, predictedClass: p })}
                  >
                    {normalized ? formatShare(share, count) : formatCount(count)}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Whole percent, but never rounds a non-empty cell down to a misleading "0". */
function formatShare(share: number, count: number): string {
  if (count === 0) return '0';
  const pct = Math.round(share * 100);
  return pct === 0 ? '<1' : String(pct);
}
