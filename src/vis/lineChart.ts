/**
 * Line charts drawn with vega-embed directly: tfjs-vis 1.5.1's linechart plots points by
 * array index (ignoring x) and needs equal-length series, so after downsampling the x axis
 * lied and series of different lengths could not be overlaid. vega-embed is the renderer
 * tfjs-vis itself bundles (same pinned version), so this adds no code to the app.
 * The only module that imports vega-embed (see eslint.config.js).
 */
import embed, { type Result } from 'vega-embed';
import type { TopLevelSpec } from 'vega-lite';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Series {
  readonly name: string;
  readonly points: readonly Point[];
}

/** A labelled vertical line at `x`, e.g. where the learning rate was changed. */
export interface Marker {
  readonly x: number;
  readonly label: string;
}

export interface LineChartOptions {
  readonly xLabel: string;
  readonly yLabel: string;
  /** Height of the plot area in px. */
  readonly height?: number;
  /** Total width in px, axes and legend included; renderLineChart takes it from the container. */
  readonly width?: number;
  /** A fixed y range (e.g. [0, 1] for accuracy); without it y is zoomed to the data. */
  readonly yDomain?: readonly [number, number];
  readonly markers?: readonly Marker[];
  /** Points kept per series, so redraws stay cheap however long the run. */
  readonly maxPoints?: number;
  /** Axis and legend text size in px (e.g. 18 on a projector); vega-lite's own (10–11 px) without it. */
  readonly fontSize?: number;
}

/** Names of the datasets in the spec; renderLineChart swaps their rows in place. */
export const POINTS_DATASET = 'points';
export const MARKERS_DATASET = 'markers';
/** Up to this many points per series each point is drawn too (a 1-point series has no line). */
export const SHOW_POINTS_UP_TO = 30;
const DEFAULT_MAX_POINTS = 400;

/** Keeps at most `max` items (evenly strided, first and last kept); points keep their own x. */
export function downsample<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return points.slice();
  const stride = points.length / max;
  const out: T[] = [];
  for (let i = 0; i < max - 1; i++) out.push(points[Math.floor(i * stride)]);
  out.push(points[points.length - 1]);
  return out;
}

/**
 * The vega-lite spec for `series` (empty ones dropped) on their true x values. Data lives in
 * named datasets and everything else depends only on series names and options, so two specs
 * that differ only in `datasets` can share one vega view.
 */
export function lineChartSpec(series: readonly Series[], options: LineChartOptions) {
  const maxPoints = options.maxPoints ?? DEFAULT_MAX_POINTS;
  const kept = series.filter((s) => s.points.length > 0).map((s) => ({ name: s.name, points: downsample(s.points, maxPoints) }));
  const names = kept.map((s) => s.name);
  const rows = kept.flatMap((s) => s.points.map((p) => ({ series: s.name, x: p.x, y: p.y })));
  const markers = (options.markers ?? []).map((m) => ({ x: m.x, label: m.label }));
  // Epochs and batch numbers are whole: without this, a 2-epoch chart ticks 1, 1.5, 2.
  const integerX = rows.length > 0 && rows.every((r) => Number.isInteger(r.x));
  // Dots only where a line alone would not do: a 1-point series draws no line at all.
  const shortNames = kept.filter((s) => s.points.length <= SHOW_POINTS_UP_TO).map((s) => s.name);
  // One legend (vega-lite merges the colour and dash legends of one field); a single series is named by the axis title.
  // Stroke symbols show each series' dash as well as its colour.
  const legend = names.length >= 2 ? { orient: 'top' as const, title: null, symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 400 } : null;
  const y = {
    field: 'y',
    type: 'quantitative' as const,
    title: options.yLabel,
    scale: options.yDomain ? { domain: [options.yDomain[0], options.yDomain[1]] } : { zero: false },
  };
  // The domain fixes the order (and colours) to the caller's, not alphabetical ("Run 10" < "Run 2").
  const color = { field: 'series', type: 'nominal' as const, scale: { domain: names }, legend };

  const lines = {
    data: { name: POINTS_DATASET },
    mark: { type: 'line' as const, strokeWidth: 1.75, clip: true },
    // Colour and dash both follow the series, so series differ by more than colour.
    encoding: { y, color, strokeDash: color },
  };
  const dots = {
    data: { name: POINTS_DATASET },
    transform: [{ filter: { field: 'series', oneOf: shortNames } }],
    mark: { type: 'point' as const, filled: true, size: 24, clip: true },
    encoding: { y, color },
  };
  const markerLayers = [
    {
      data: { name: MARKERS_DATASET },
      mark: { type: 'rule' as const, strokeDash: [4, 3], color: '#666' },
      encoding: {
        tooltip: { field: 'label', type: 'nominal' as const },
        // Becomes the rule's aria-label in the svg: screen readers (and tests) can find it.
        description: { field: 'label', type: 'nominal' as const },
      },
    },
    {
      data: { name: MARKERS_DATASET },
      // Written down along the rule, so long labels never run off the side of the chart.
      // Hidden from screen readers: the rule's description already says it.
      mark: { type: 'text' as const, aria: false, angle: 90, align: 'left' as const, baseline: 'bottom' as const, dx: 3, dy: -2, fontSize: 9, color: '#555' },
      encoding: { y: { value: 0 }, text: { field: 'label', type: 'nominal' as const } },
    },
  ];

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v4.json',
    description: `${options.yLabel} by ${options.xLabel}`,
    width: options.width ?? 320,
    height: options.height ?? 220,
    // Width is the whole chart (axes and legend included), so it fits its container.
    autosize: { type: 'fit-x' as const, contains: 'padding' as const },
    datasets: { [POINTS_DATASET]: rows, [MARKERS_DATASET]: markers },
    // Shared by all layers, so the markers sit on the same x scale and the axis has one title.
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative' as const,
        title: options.xLabel,
        // Not zero-based or rounded out: an epoch axis starts at epoch 1, a batch axis at the first batch.
        scale: { zero: false, nice: false },
        axis: integerX ? { format: 'd', tickMinStep: 1 } : {},
      },
    },
    layer: [lines, ...(shortNames.length > 0 ? [dots] : []), ...(markers.length > 0 ? markerLayers : [])],
    ...(options.fontSize
      ? {
          config: {
            axis: { labelFontSize: options.fontSize, titleFontSize: options.fontSize },
            legend: { labelFontSize: options.fontSize, titleFontSize: options.fontSize },
          },
        }
      : {}),
  } satisfies TopLevelSpec;
}

interface Embedded {
  /** The spec without its data: while it is unchanged the view only needs new rows. */
  readonly key: string;
  readonly result: Result;
}

const embedded = new WeakMap<HTMLElement, Embedded>();
/** Work per container runs one task at a time, so an update never races an embed or a dispose. */
const queues = new WeakMap<HTMLElement, Promise<void>>();

function enqueue(container: HTMLElement, task: () => Promise<void> | void): Promise<void> {
  const run = (queues.get(container) ?? Promise.resolve()).then(task);
  queues.set(
    container,
    run.catch(() => undefined),
  );
  return run;
}

/** Finalizes the view (its timers, listeners and tooltip handler) and empties the container. */
function release(container: HTMLElement): void {
  const current = embedded.get(container);
  if (!current) return;
  embedded.delete(container);
  current.result.finalize();
  container.replaceChildren();
}

/**
 * Draws `series` into `container` (an svg, so axis labels are readable text). Later calls for
 * the same container only swap the data while names and options are unchanged; otherwise the
 * old view is finalized and a new one embedded. Nothing to draw, or a detached container,
 * releases the chart.
 */
export function renderLineChart(container: HTMLElement, series: readonly Series[], options: LineChartOptions): Promise<void> {
  return enqueue(container, async () => {
    if (!container.isConnected || series.every((s) => s.points.length === 0)) {
      release(container);
      return;
    }
    // The container stays a plain block (vega-embed makes its own element inline-block, sized
    // by the chart), so its width is the space available, not the last chart's width.
    const width = options.width ?? Math.max(240, container.clientWidth);
    const spec = lineChartSpec(series, { ...options, width });
    const { datasets, ...layout } = spec;
    const key = JSON.stringify(layout);
    const current = embedded.get(container);
    if (current?.key === key) {
      const view = current.result.view;
      // An empty dataset has no layer, so vega-lite left it out of the view (and the key says it still has none).
      for (const [name, rows] of Object.entries(datasets)) if (rows.length > 0) view.data(name, rows);
      await view.runAsync();
      return;
    }
    release(container);
    const host = document.createElement('div');
    container.replaceChildren(host);
    const result = await embed(host, spec, { renderer: 'svg', actions: false });
    embedded.set(container, { key, result });
  });
}

/** For React cleanup: finalizes the container's chart once pending draws have finished. */
export function disposeLineChart(container: HTMLElement): void {
  void enqueue(container, () => release(container));
}
