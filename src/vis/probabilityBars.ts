/**
 * The class-probability bar chart of the classify panel, drawn with tfjs-vis.
 * Bars stay in class order, so they can be watched while drawing. One colour for all
 * bars: per-bar colours would make tfjs-vis add a legend repeating the axis, and the
 * panel states the top class in words anyway. Renders with unchanged options only
 * swap the data, which keeps live updates cheap.
 */
import * as tfvis from '@tensorflow/tfjs-vis';

const BAR_COLOUR = '#0b63c5';

/**
 * Axis label for class `index`. Vega sorts the categories as text, so the class number
 * leads ("0 T-shirt/top" … "9 Ankle boot") to keep the dataset's order (< 10 classes).
 */
export function barLabel(index: number, name: string): string {
  return `${index} ${name}`;
}

/** Renders `probabilities` (one value 0..1 per class, in `classNames` order) into `container`. */
export async function renderProbabilityBars(container: HTMLElement, probabilities: ArrayLike<number>, classNames: readonly string[], height = 230): Promise<void> {
  const values = classNames.map((name, i) => ({ index: barLabel(i, name), value: probabilities[i] }));
  await tfvis.render.barchart(
    container,
    // tfjs-vis types the category as a number, but Vega takes any ordinal value.
    values as unknown as { index: number; value: number }[],
    {
      width: Math.max(240, container.clientWidth - 8),
      height,
      yLabel: 'Probability',
      xLabel: '',
      fontSize: 12,
      color: BAR_COLOUR,
    },
  );
}
