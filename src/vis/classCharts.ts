/**
 * The class view's two charts: every student's training-loss curve overlaid and coloured by the
 * value of the varied setting, and per value each run's final test accuracy with the mean and
 * the range (the answer to the class's question in one chart). Canvas: 60 runs are thousands of
 * marks, cheaper to paint than as svg; the text alternative is passed in (and the view has tables).
 */
import type { TopLevelSpec } from 'vega-lite';
import { drawChart } from './chartViews';

export interface ClassCurvePoint {
  readonly student: string;
  readonly value: string;
  /** Epochs trained (fractional). */
  readonly x: number;
  readonly loss: number;
}

export interface ClassAccuracyPoint {
  readonly value: string;
  readonly student: string;
  readonly accuracy: number;
}

export interface ClassValueRow {
  readonly value: string;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

export interface ClassChartOptions {
  readonly width: number;
  readonly fontSize: number;
  /** The varied setting's values in the assignment's order (they fix the colours). */
  readonly values: readonly string[];
  readonly valueLabel: string;
  readonly summary: string;
}

const palette = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

function config(fontSize: number) {
  return { axis: { labelFontSize: fontSize, titleFontSize: fontSize }, legend: { labelFontSize: fontSize, titleFontSize: fontSize } };
}

const colour = (values: readonly string[], title: string) => ({
  field: 'value',
  type: 'nominal' as const,
  title,
  scale: { domain: [...values], range: palette.slice(0, Math.max(1, values.length)) },
  legend: { orient: 'top' as const, symbolType: 'stroke', symbolStrokeWidth: 3 },
});

export function classCurvesSpec(points: readonly ClassCurvePoint[], options: ClassChartOptions) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: config(options.fontSize),
    description: 'Training loss of every run, coloured by value',
    width: options.width,
    height: Math.round(options.width * 0.42),
    autosize: { type: 'fit-x' as const, contains: 'padding' as const, resize: true },
    datasets: { curves: points as object[] },
    data: { name: 'curves' },
    mark: { type: 'line' as const, strokeWidth: 2, opacity: 0.75, clip: true },
    encoding: {
      x: { field: 'x', type: 'quantitative' as const, title: 'Epochs trained', scale: { zero: true, nice: false } },
      y: { field: 'loss', type: 'quantitative' as const, title: 'Training loss', scale: { zero: false } },
      color: colour(options.values, options.valueLabel),
      detail: { field: 'student', type: 'nominal' as const },
    },
  } satisfies TopLevelSpec;
}

export function classAccuracySpec(runs: readonly ClassAccuracyPoint[], rows: readonly ClassValueRow[], options: ClassChartOptions) {
  const y = { field: 'value', type: 'nominal' as const, title: options.valueLabel, sort: [...options.values] };
  const accuracy = (field: string) => ({ field, type: 'quantitative' as const, title: 'Test accuracy', scale: { zero: false }, axis: { format: '.0%' } });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: config(options.fontSize),
    description: 'Final test accuracy per value: each run, the mean and the range',
    width: options.width,
    height: Math.max(120, options.values.length * Math.round(options.fontSize * 3)),
    autosize: { type: 'fit-x' as const, contains: 'padding' as const, resize: true },
    datasets: { runs: runs as object[], rows: rows as object[] },
    layer: [
      { data: { name: 'rows' }, mark: { type: 'rule' as const, strokeWidth: 3, color: '#888' }, encoding: { y, x: accuracy('min'), x2: { field: 'max' } } },
      { data: { name: 'runs' }, mark: { type: 'point' as const, filled: true, size: 120, opacity: 0.7 }, encoding: { y, x: accuracy('accuracy'), color: { ...colour(options.values, options.valueLabel), legend: null } } },
      { data: { name: 'rows' }, mark: { type: 'tick' as const, thickness: 4, size: options.fontSize * 2, color: '#111' }, encoding: { y, x: accuracy('mean') } },
    ],
  } satisfies TopLevelSpec;
}

export function renderClassCurves(container: HTMLElement, points: readonly ClassCurvePoint[], options: ClassChartOptions): Promise<void> {
  return drawChart(container, classCurvesSpec(points, options), { summary: options.summary, renderer: 'canvas' });
}

export function renderClassAccuracy(container: HTMLElement, runs: readonly ClassAccuracyPoint[], rows: readonly ClassValueRow[], options: ClassChartOptions): Promise<void> {
  return drawChart(container, classAccuracySpec(runs, rows, options), { summary: options.summary, renderer: 'canvas' });
}
