/**
 * tfjs-vis adapter for the confusion-matrix heat map (vega, drawn on a canvas).
 * It is the picture only: vega reports no clicks, so the evaluation view puts
 * an accessible table of buttons with the same numbers next to it.
 */
import * as tfvis from '@tensorflow/tfjs-vis';

export interface ConfusionMatrixChartOptions {
  /** Row-normalised view: `values` are percentages of each true class (0..100). */
  readonly normalized: boolean;
  readonly maxWidth?: number;
}

/**
 * Draws `values[true][predicted]` (counts, or row percentages when normalized)
 * with class names on both axes, replacing whatever the container held.
 */
export async function renderConfusionMatrix(
  container: HTMLElement,
  values: readonly (readonly number[])[],
  classNames: readonly string[],
  options: ConfusionMatrixChartOptions,
): Promise<void> {
  const width = Math.max(280, Math.min(options.maxWidth ?? 560, container.clientWidth - 8));
  await tfvis.render.confusionMatrix(
    container,
    // tfjs-vis pushes generated labels into tickLabels when it is empty, so it always gets copies.
    { values: values.map((row) => [...row]), tickLabels: [...classNames] },
    {
      width,
      height: Math.round(width * 0.86),
      xLabel: 'Predicted class',
      yLabel: options.normalized ? 'True class (cells: % of the row)' : 'True class (cells: image counts)',
      fontSize: 12,
      shadeDiagonal: true,
      showTextOverlay: true,
      colorMap: ['#f7fbff', '#08519c'],
    },
  );
}
