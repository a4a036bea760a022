/**
 * The class view's two charts: every student's training-loss curve overlaid and coloured by the
 * value of the varied setting, and per value each run's final test accuracy with the mean and
 * the range (the answer to the class's question in one chart). Canvas: 60 runs are thousands of
 * marks, cheaper to paint than as svg; the text alternative is passed in (and the view has tables).
 */
import type { TopLevelSpec } from 'vega-lite';
import { changeChartRows, drawChart } from './chartViews';

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
  /** The curves' x axis ends at the runs' planned epochs, so it stays put while they train (a moving scale re-encodes every point). */
  readonly epochs?: number;
}

const palette = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

/**
 * No per-item ARIA descriptions: on a canvas they are never shown, yet vega would compute one per
 * point through the expression interpreter (the charts' text alternatives come with `summary`).
 */
function config(fontSize: number) {
  return { aria: false, axis: { labelFontSize: fontSize, titleFontSize: fontSize }, legend: { labelFontSize: fontSize, titleFontSize: fontSize } };
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
    // invalid 'filter': points are checked once as they arrive, not again on every encode.
    mark: { type: 'line' as const, strokeWidth: 2, opacity: 0.75, clip: true, invalid: 'filter' as const },
    encoding: {
      x: { field: 'x', type: 'quantitative' as const, title: 'Epochs trained', scale: options.epochs ? { domain: [0, options.epochs], nice: false } : { zero: true, nice: false } },
      y: { field: 'loss', type: 'quantitative' as const, title: 'Training loss', scale: { zero: false } },
      color: colour(options.values, options.valueLabel),
      detail: { field: 'student', type: 'nominal' as const },
    },
  } satisfies TopLevelSpec;
}

export function classAccuracySpec(runs: readonly ClassAccuracyPoint[], rows: readonly ClassValueRow[], options: ClassChartOptions) {
  const y = { field: 'value', type: 'nominal' as const, title: options.valueLabel, sort: [...options.values] };
  const accuracy = (field: string) => ({ field, type: 'quantitative' as const, title: 'Test accuracy', scale: { zero: false }, axis: { format: '.0%', tickMinStep: 0.01 } });
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

/** One run's curve: its points and a version that changes whenever they do. */
export interface ClassRunCurve {
  readonly student: string;
  readonly value: string;
  /** [epochs trained, training loss] */
  readonly points: readonly (readonly [number, number])[];
  readonly version: string;
}

/** What each container's curves chart shows: version per student, and its summary. */
const drawnCurves = new WeakMap<HTMLElement, { versions: Map<string, string>; summary: string }>();
const curveQueues = new WeakMap<HTMLElement, Promise<void>>();

const rowsOf = (run: ClassRunCurve): ClassCurvePoint[] => run.points.map(([x, loss]) => ({ student: run.student, value: run.value, x, loss }));

/**
 * Draws every run's curve, changing only the runs whose version changed since the last draw
 * (vega re-runs only their lines): with 60 students sending, a redraw used to rebuild all 60
 * lines from scratch. A change of layout (width, values, font) draws the chart whole.
 */
export function renderClassCurves(container: HTMLElement, runs: readonly ClassRunCurve[], options: ClassChartOptions): Promise<void> {
  const run = async () => {
    const versions = new Map(runs.map((r) => [r.student, `${r.value}|${r.version}`]));
    const before = drawnCurves.get(container);
    const chartOptions = { summary: options.summary, renderer: 'canvas' as const };
    const rows = runs.reduce((sum, r) => sum + r.points.length, 0);
    const layout = classCurvesSpec([], options);
    if (before) {
      const leaving = new Set([...before.versions.keys()].filter((student) => before.versions.get(student) !== versions.get(student)));
      const arriving = runs.filter((r) => before.versions.get(r.student) !== versions.get(r.student));
      if (leaving.size === 0 && arriving.length === 0 && before.summary === options.summary && container.dataset.chartRows !== undefined) {
        // Nothing new; only a layout change (e.g. a resize) draws again.
        if (await changeChartRows(container, layout, chartOptions, { dataset: 'curves', remove: () => false, insert: [], rows })) return;
      } else if (await changeChartRows(container, layout, chartOptions, { dataset: 'curves', remove: (row) => leaving.has((row as ClassCurvePoint).student), insert: arriving.flatMap(rowsOf), rows })) {
        drawnCurves.set(container, { versions, summary: options.summary });
        return;
      }
    }
    await drawChart(container, classCurvesSpec(runs.flatMap(rowsOf), options), chartOptions);
    drawnCurves.set(container, { versions, summary: options.summary });
  };
  const next = (curveQueues.get(container) ?? Promise.resolve()).then(run);
  curveQueues.set(
    container,
    next.catch(() => undefined),
  );
  return next;
}

/** Forgets what the curves chart showed (the chart itself is disposed by disposeChart). */
export function forgetClassCurves(container: HTMLElement): void {
  drawnCurves.delete(container);
}

export function renderClassAccuracy(container: HTMLElement, runs: readonly ClassAccuracyPoint[], rows: readonly ClassValueRow[], options: ClassChartOptions): Promise<void> {
  return drawChart(container, classAccuracySpec(runs, rows, options), { summary: options.summary, renderer: 'canvas' });
}
