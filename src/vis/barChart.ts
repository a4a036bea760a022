/** Simple bar charts with one labelled bar per category, drawn through ./chartViews (no eval). */
import type { TopLevelSpec } from 'vega-lite';
import { barChartSummary, formatValue } from './chartSummaries';
import { drawChart } from './chartViews';

export interface Bar {
  readonly label: string;
  readonly value: number;
}

export interface BarChartOptions {
  readonly xLabel: string;
  readonly yLabel: string;
  readonly height?: number;
  /** Total width in px; renderBarChart takes it from the container. */
  readonly width?: number;
  readonly color?: string;
  /** A fixed value range (e.g. [0, 1] for probabilities); without it vega starts at 0 and rounds up. */
  readonly yDomain?: readonly [number, number];
  /** d3-format for the value axis, e.g. '.0%'. */
  readonly yFormat?: string;
  /** Axis text size in px. */
  readonly fontSize?: number;
  /** How the text alternative starts, e.g. "Probability by class" (default: "<yLabel> by <xLabel>"). */
  readonly summaryTitle?: string;
}

/** Name of the dataset in the spec; redraws with the same labels and options only swap its rows. */
export const BARS_DATASET = 'bars';

/** The vega-lite spec: bars in the given order (not sorted by label), values on a linear axis. */
export function barChartSpec(bars: readonly Bar[], options: BarChartOptions) {
  const fontSize = options.fontSize ?? 12;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `${options.yLabel} by ${options.xLabel || 'category'}`,
    width: options.width ?? 320,
    height: options.height ?? 240,
    autosize: { type: 'fit-x' as const, contains: 'padding' as const, resize: true },
    config: { axis: { labelFontSize: fontSize, titleFontSize: fontSize } },
    datasets: { [BARS_DATASET]: bars.map((b) => ({ label: b.label, value: b.value })) },
    data: { name: BARS_DATASET },
    mark: { type: 'bar' as const, tooltip: true },
    encoding: {
      // The order is the caller's (class order), not alphabetical.
      x: { field: 'label', type: 'nominal' as const, sort: bars.map((b) => b.label), title: options.xLabel || null, axis: { labelAngle: -45 } },
      y: {
        field: 'value',
        type: 'quantitative' as const,
        title: options.yLabel,
        ...(options.yDomain ? { scale: { domain: [options.yDomain[0], options.yDomain[1]] } } : {}),
        ...(options.yFormat ? { axis: { format: options.yFormat } } : {}),
      },
      color: { value: options.color ?? '#0b63c5' },
    },
  } satisfies TopLevelSpec;
}

/**
 * Draws one bar per entry, sized to the container's width, labelled for screen readers with
 * every value. Redraws with unchanged labels and options only swap the data.
 */
export function renderBarChart(
  container: HTMLElement,
  bars: readonly Bar[],
  options: BarChartOptions,
  formatForSummary: (value: number) => string = formatValue,
): Promise<void> {
  const width = options.width ?? Math.max(240, container.clientWidth - 8);
  const title = options.summaryTitle ?? `${options.yLabel} by ${(options.xLabel || 'category').toLowerCase()}`;
  return drawChart(container, barChartSpec(bars, { ...options, width }), { summary: barChartSummary(bars, title, formatForSummary) });
}
