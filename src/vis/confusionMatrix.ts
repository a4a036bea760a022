/**
 * The confusion-matrix heat map, drawn through ./chartViews (no eval). It is the picture only:
 * vega reports no clicks, so the evaluation view puts an accessible table of buttons with the
 * same numbers next to it.
 */
import type { TopLevelSpec } from 'vega-lite';
import { confusionMatrixSummary } from './chartSummaries';
import { drawChart } from './chartViews';

export interface ConfusionMatrixChartOptions {
  /** Row-normalised view: `values` are percentages of each true class (0..100). */
  readonly normalized: boolean;
  readonly maxWidth?: number;
}

export const CELLS_DATASET = 'cells';
const COLOURS = ['#f7fbff', '#08519c'];

/**
 * One row per cell; `dark` marks cells past half the largest value, whose number is written
 * in white (kept in the data so the spec, and the view, do not change with the numbers).
 */
export function confusionCells(values: readonly (readonly number[])[], classNames: readonly string[]) {
  const max = Math.max(0, ...values.flat());
  return values.flatMap((row, r) =>
    row.map((value, c) => ({ actual: classNames[r] ?? String(r), predicted: classNames[c] ?? String(c), value, dark: max > 0 && value > max / 2 })),
  );
}

export function confusionMatrixSpec(values: readonly (readonly number[])[], classNames: readonly string[], options: ConfusionMatrixChartOptions & { width: number }) {
  const order = [...classNames];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Confusion matrix',
    width: options.width,
    height: Math.round(options.width * 0.86),
    autosize: { type: 'fit' as const, contains: 'padding' as const },
    config: { axis: { labelFontSize: 12, titleFontSize: 12 } },
    datasets: { [CELLS_DATASET]: confusionCells(values, classNames) },
    data: { name: CELLS_DATASET },
    encoding: {
      x: { field: 'predicted', type: 'nominal' as const, sort: order, title: 'Predicted class', axis: { labelAngle: -45 } },
      y: { field: 'actual', type: 'nominal' as const, sort: order, title: options.normalized ? 'True class (cells: % of the row)' : 'True class (cells: image counts)' },
    },
    layer: [
      { mark: { type: 'rect' as const }, encoding: { color: { field: 'value', type: 'quantitative' as const, scale: { range: COLOURS }, legend: null } } },
      {
        mark: { type: 'text' as const, fontSize: 11 },
        encoding: {
          text: { field: 'value', type: 'quantitative' as const },
          color: { condition: { test: 'datum.dark', value: 'white' }, value: '#111' },
        },
      },
    ],
  } satisfies TopLevelSpec;
}

/**
 * Draws `values[true][predicted]` (counts, or row percentages when normalized)
 * with class names on both axes, replacing whatever the container held.
 */
export function renderConfusionMatrix(
  container: HTMLElement,
  values: readonly (readonly number[])[],
  classNames: readonly string[],
  options: ConfusionMatrixChartOptions,
): Promise<void> {
  const width = Math.max(280, Math.min(options.maxWidth ?? 560, container.clientWidth - 8));
  const summary = confusionMatrixSummary(values, classNames, options.normalized ? '% of each true class' : 'image counts');
  return drawChart(container, confusionMatrixSpec(values, classNames, { ...options, width }), { summary });
}
