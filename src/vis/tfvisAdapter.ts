/**
 * The only module that imports tfjs-vis. Components hand it a container element and
 * plain data; it draws charts, tables and the model summary.
 */
import type * as tf from '@tensorflow/tfjs';
import * as tfvis from '@tensorflow/tfjs-vis';

export interface Series {
  readonly name: string;
  readonly points: readonly { x: number; y: number }[];
}

export interface LineChartOptions {
  readonly xLabel: string;
  readonly yLabel: string;
  readonly height?: number;
  readonly yDomain?: [number, number];
}

/** Keeps at most `max` points (evenly strided, last one kept) so redraws stay cheap. */
export function downsample<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return points.slice();
  const stride = points.length / max;
  const out: T[] = [];
  for (let i = 0; i < max - 1; i++) out.push(points[Math.floor(i * stride)]);
  out.push(points[points.length - 1]);
  return out;
}

export async function renderLineChart(container: HTMLElement, series: readonly Series[], options: LineChartOptions): Promise<void> {
  const nonEmpty = series.filter((s) => s.points.length > 0);
  if (nonEmpty.length === 0) return;
  await tfvis.render.linechart(
    container,
    { values: nonEmpty.map((s) => downsample(s.points, 400)), series: nonEmpty.map((s) => s.name) },
    {
      xLabel: options.xLabel,
      yLabel: options.yLabel,
      height: options.height ?? 220,
      width: Math.max(240, container.clientWidth - 16),
      zoomToFit: options.yDomain === undefined,
      yAxisDomain: options.yDomain,
    },
  );
}

export async function renderModelSummary(container: HTMLElement, model: tf.LayersModel): Promise<void> {
  container.replaceChildren();
  await tfvis.show.modelSummary(container, model);
}
