/**
 * Several curves of different lengths on true x values (tfjs-vis's line chart plots by
 * index and needs equal lengths): a scatter plot, one colour and marker shape per series,
 * so series differ by more than colour. Used to overlay runs.
 */
import * as tfvis from '@tensorflow/tfjs-vis';
import { downsample, type Series } from './tfvisAdapter';

export interface ScatterChartOptions {
  readonly xLabel: string;
  readonly yLabel: string;
  readonly height?: number;
  readonly yDomain?: [number, number];
  /** Points kept per series (evenly strided) so redraws stay cheap. */
  readonly maxPoints?: number;
}

export async function renderScatterChart(container: HTMLElement, series: readonly Series[], options: ScatterChartOptions): Promise<void> {
  const nonEmpty = series.filter((s) => s.points.length > 0);
  if (nonEmpty.length === 0) return;
  await tfvis.render.scatterplot(
    container,
    { values: nonEmpty.map((s) => downsample(s.points, options.maxPoints ?? 300)), series: nonEmpty.map((s) => s.name) },
    {
      xLabel: options.xLabel,
      yLabel: options.yLabel,
      height: options.height ?? 260,
      width: Math.max(240, container.clientWidth - 16),
      zoomToFit: options.yDomain === undefined,
      yAxisDomain: options.yDomain,
    },
  );
}
