/** tfjs-vis adapter for simple bar charts with one labelled bar per category. */
import * as tfvis from '@tensorflow/tfjs-vis';

export interface Bar {
  readonly label: string;
  readonly value: number;
}

export interface BarChartOptions {
  readonly xLabel: string;
  readonly yLabel: string;
  readonly height?: number;
  readonly color?: string;
}

/**
 * Draws one bar per entry, sized to the container's width. vega-lite sorts the
 * categories alphabetically, so each label is prefixed with its position
 * ("0 T-shirt/top", "1 Trouser", …; for classes that is the dataset's label
 * index) to keep the given order.
 */
export async function renderBarChart(container: HTMLElement, bars: readonly Bar[], options: BarChartOptions): Promise<void> {
  const digits = String(Math.max(0, bars.length - 1)).length;
  await tfvis.render.barchart(
    container,
    // tfjs-vis types `index` as a number, but vega-lite treats it as an ordinal category, so names work.
    bars.map((b, i) => ({ index: `${String(i).padStart(digits, '0')} ${b.label}` as unknown as number, value: b.value })),
    {
      xLabel: options.xLabel,
      yLabel: options.yLabel,
      width: Math.max(240, container.clientWidth - 8),
      height: options.height ?? 240,
      color: options.color ?? '#0b63c5',
      fontSize: 12,
    },
  );
}
