/**
 * Line charts with our own vega-lite spec: tfjs-vis 1.5.1's linechart plots points by array
 * index (ignoring x) and needs equal-length series, so after downsampling the x axis lied and
 * series of different lengths could not be overlaid. Drawn through ./chartViews (no eval).
 */
import type { TopLevelSpec } from 'vega-lite';
import { thin } from '../ml/util/thin';
import { lineChartSummary } from './chartSummaries';
import { clearChart, disposeChart, drawChart } from './chartViews';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Series {
  readonly name: string;
  readonly points: readonly Point[];
  /** Series of one group share a colour, a dash and a legend entry (e.g. a curve and its smoothed line); default: its name. */
  readonly group?: string;
  /** Drawn faint and thin behind the others (the raw, noisy values behind a smoothed curve). */
  readonly faint?: boolean;
  /** Drawn as dots only, never joined (e.g. per-epoch values on a batch axis). */
  readonly dotsOnly?: boolean;
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
  /** Axis and legend text size in px (vega's defaults, 10–11 px, when unset); see PROJECTOR_FONT_SIZE. */
  readonly fontSize?: number;
  /**
   * Whole-number x ticks (batches, epochs). Unset: decided from the data, so a chart whose
   * data starts empty should say it, or its first points would change its layout (a new view).
   */
  readonly integerX?: boolean;
  /** A logarithmic y axis (losses: the late, small improvements stay visible). */
  readonly logY?: boolean;
  /** A fixed x range (e.g. epochs 1..5), so a chart with one point already shows where the run is going. */
  readonly xDomain?: readonly [number, number];
}

/** Axis and legend text for a projector or instructor layout, readable from the back of a room. */
export const PROJECTOR_FONT_SIZE = 18;

/** Names of the datasets in the spec; renderLineChart swaps their rows in place. */
export const POINTS_DATASET = 'points';
export const MARKERS_DATASET = 'markers';
/** Up to this many points per series each point is drawn too (a 1-point series has no line). */
export const SHOW_POINTS_UP_TO = 30;
const DEFAULT_MAX_POINTS = 400;


/**
 * The vega-lite spec for `series` on their true x values. Data lives in named datasets and
 * everything else depends only on the series' names and the options (not on how many points
 * there are), so two specs that differ only in `datasets` share one vega view: a live chart
 * is embedded once (compiling and parsing a chart costs 100–300 ms of the page's time) and
 * then only swaps rows.
 */
export function lineChartSpec(series: readonly Series[], options: LineChartOptions) {
  const maxPoints = options.maxPoints ?? DEFAULT_MAX_POINTS;
  const kept = series.map((s) => ({ ...s, points: thin(s.points, maxPoints) }));
  const names = [...new Set(kept.map((s) => s.group ?? s.name))];
  // Dots only where a line alone would not do (a 1-point series draws no line at all): a row
  // field, not a filter on names, so a series growing past the limit keeps the view.
  const rows = kept.flatMap((s) =>
    s.points.map((p) => ({ series: s.name, group: s.group ?? s.name, x: p.x, y: p.y, faint: s.faint === true, line: s.dotsOnly !== true, dot: s.dotsOnly === true || (s.points.length <= SHOW_POINTS_UP_TO && !s.faint) })),
  );
  const markers = (options.markers ?? []).map((m) => ({ x: m.x, label: m.label }));
  // Epochs and batch numbers are whole: without this, a 2-epoch chart ticks 1, 1.5, 2.
  const integerX = options.integerX ?? (rows.length > 0 && rows.every((r) => Number.isInteger(r.x)));
  // One legend (vega-lite merges the colour and dash legends of one field); a single series is named by the axis title.
  // Stroke symbols show each series' dash as well as its colour.
  const legend = names.length >= 2 ? { orient: 'top' as const, title: null, symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 400 } : null;
  const y = {
    field: 'y',
    type: 'quantitative' as const,
    title: options.yLabel,
    scale: options.logY ? { type: 'log' as const } : options.yDomain ? { domain: [options.yDomain[0], options.yDomain[1]] } : { zero: false },
    // "2.4", "0.35", "90%": never "2.415369".
    axis: { format: options.yDomain && options.yDomain[0] === 0 && options.yDomain[1] === 1 ? '.0%' : '.2~r', tickCount: 5 },
  };
  // The domain fixes the order (and colours) to the caller's, not alphabetical ("Run 10" < "Run 2").
  const color = { field: 'group', type: 'nominal' as const, scale: { domain: names }, legend };

  const lines = {
    data: { name: POINTS_DATASET },
    transform: [{ filter: { field: 'line', equal: true } }],
    mark: { type: 'line' as const, strokeWidth: 1.75, clip: true },
    // Colour and dash both follow the group, so series differ by more than colour; the raw values faint behind.
    encoding: {
      y,
      color,
      strokeDash: color,
      detail: { field: 'series', type: 'nominal' as const },
      // A sort (any: the domain is given) keeps vega-lite from warning about a nominal field on a continuous channel.
      opacity: { field: 'faint', type: 'nominal' as const, sort: 'ascending' as const, scale: { domain: [false, true], range: [1, 0.28] }, legend: null },
      strokeWidth: { field: 'faint', type: 'nominal' as const, sort: 'ascending' as const, scale: { domain: [false, true], range: [2.25, 1.25] }, legend: null },
    },
  };
  const dots = {
    data: { name: POINTS_DATASET },
    transform: [{ filter: { field: 'dot', equal: true } }],
    // Hidden from assistive technology (axe: svg-img-alt on each unnamed dot): the chart's text summary says the values.
    mark: { type: 'point' as const, filled: true, clip: true, aria: false },
    // Per-epoch values on a batch axis are few and matter: drawn larger than a short curve's dots.
    encoding: { y, color, size: { field: 'line', type: 'nominal' as const, sort: 'ascending' as const, scale: { domain: [true, false], range: [24, 90] }, legend: null } },
  };
  const fontSize = options.fontSize;
  const markerFontSize = fontSize ?? 9;
  const markerLayers = [
    {
      data: { name: MARKERS_DATASET },
      // With no markers the empty rule group would be an unnamed graphic to assistive
      // technology (axe: svg-img-alt): hidden until there is one. So the first marker (a
      // learning-rate change by hand) re-embeds the chart once; a run's own points never do.
      mark: { type: 'rule' as const, strokeDash: [4, 3], color: '#666', aria: markers.length > 0 },
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
      mark: { type: 'text' as const, aria: false, angle: 90, align: 'left' as const, baseline: 'bottom' as const, dx: 3, dy: -2, fontSize: markerFontSize, color: '#555' },
      encoding: { y: { value: 0 }, text: { field: 'label', type: 'nominal' as const } },
    },
  ];

  const text = fontSize === undefined ? {} : { config: { axis: { labelFontSize: fontSize, titleFontSize: fontSize }, legend: { labelFontSize: fontSize, titleFontSize: fontSize } } };

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...text,
    description: `${options.yLabel} by ${options.xLabel}`,
    width: options.width ?? 320,
    height: options.height ?? 220,
    // Width is the whole chart (axes and legend included), so it fits its container; the layout
    // is redone on every update, as the first rows (or wider tick labels) may need more room.
    autosize: { type: 'fit-x' as const, contains: 'padding' as const, resize: true },
    datasets: { [POINTS_DATASET]: rows, [MARKERS_DATASET]: markers },
    // Shared by all layers, so the markers sit on the same x scale and the axis has one title.
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative' as const,
        title: options.xLabel,
        // Not zero-based or rounded out: an epoch axis starts at epoch 1, a batch axis at the first batch.
        scale: options.xDomain ? { domain: [options.xDomain[0], options.xDomain[1]], nice: false } : { zero: false, nice: false },
        axis: integerX ? { format: 'd', tickMinStep: 1 } : {},
      },
    },
    layer: [lines, dots, ...markerLayers],
  } satisfies TopLevelSpec;
}

export interface RenderOptions {
  /**
   * Draw the chart even with no points (the caller hides it until it has some), so a live
   * chart is embedded before its run starts and its first points only swap rows.
   */
  readonly keepEmptyFrame?: boolean;
}

/**
 * Draws `series` into `container` (an svg, so axis labels are readable text), labelled for
 * screen readers with the latest values. Later calls for the same container only swap the
 * data while names and options are unchanged. Nothing to draw, or a detached container,
 * releases the chart.
 */
export function renderLineChart(container: HTMLElement, series: readonly Series[], options: LineChartOptions & RenderOptions): Promise<void> {
  if (!options.keepEmptyFrame && series.every((s) => s.points.length === 0)) return clearChart(container);
  const width = options.width ?? Math.max(240, container.clientWidth);
  const summary = lineChartSummary(series, options.xLabel, options.yLabel, options.markers);
  return drawChart(container, lineChartSpec(series, { ...options, width }), { summary });
}

/** For React cleanup: finalizes the container's chart once pending draws have finished. */
export function disposeLineChart(container: HTMLElement): void {
  disposeChart(container);
}
