import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import { lineChartSpec, MARKERS_DATASET, POINTS_DATASET, PROJECTOR_FONT_SIZE, SHOW_POINTS_UP_TO, type Series } from './lineChart';

const epochs = (name: string, ys: number[]): Series => ({ name, points: ys.map((y, i) => ({ x: i + 1, y })) });
const batches = (n: number): Series => ({ name: 'loss', points: Array.from({ length: n }, (_, i) => ({ x: i + 1, y: 2 / (i + 1) })) });
const options = { xLabel: 'Epoch', yLabel: 'Loss' };

/** What renderLineChart embeds must compile, and its datasets must keep their names (views update them by name). */
function compiledDataNames(spec: TopLevelSpec): string[] {
  return (compile(spec).spec.data ?? []).map((d) => d.name);
}

describe('lineChartSpec', () => {
  it('keeps true x values after downsampling', () => {
    const spec = lineChartSpec([batches(2000)], { xLabel: 'Batch', yLabel: 'Loss', maxPoints: 400 });
    const rows = spec.datasets[POINTS_DATASET];
    expect(rows).toHaveLength(400);
    expect(rows[0]).toEqual({ series: 'loss', group: 'loss', x: 1, y: 2, dot: false, faint: false, line: true });
    expect(rows[399].x).toBe(2000);
    expect(rows[200].x).toBe(1001);
    expect(spec.encoding.x.field).toBe('x');
    expect(spec.encoding.x.type).toBe('quantitative');
  });

  it('gives whole-number x values integer ticks, starting at the data rather than 0', () => {
    const spec = lineChartSpec([epochs('train', [0.9, 0.6]), epochs('validation', [1, 0.7])], options);
    expect(spec.encoding.x.axis).toEqual({ format: 'd', tickMinStep: 1 });
    expect(spec.encoding.x.scale).toEqual({ zero: false, nice: false });
    expect(spec.encoding.x.title).toBe('Epoch');
    const fractional = lineChartSpec([{ name: 'a', points: [{ x: 0.5, y: 1 }, { x: 1.5, y: 2 }] }], options);
    expect(fractional.encoding.x.axis).toEqual({});
  });

  it('colours and dashes lines by series, with dots only on short series', () => {
    const spec = lineChartSpec([batches(SHOW_POINTS_UP_TO + 1), epochs('short', [1, 0.5])], options);
    const [lines, dots] = spec.layer;
    expect(lines).toMatchObject({ mark: { type: 'line' }, encoding: { color: { field: 'group' }, strokeDash: { field: 'group' }, detail: { field: 'series' } } });
    expect(dots).toMatchObject({ mark: { type: 'point' }, transform: [{ filter: { field: 'dot', equal: true } }] });
    const rows = spec.datasets[POINTS_DATASET];
    expect(new Set(rows.filter((r) => r.dot).map((r) => r.series))).toEqual(new Set(['short']));
    expect(rows.filter((r) => r.series === 'loss').every((r) => !r.dot)).toBe(true);
  });

  it('turns markers into a rule layer labelled by tooltip, description and text', () => {
    const markers = [{ x: 3, label: 'learning rate 0.001 → 0.005' }];
    const spec = lineChartSpec([batches(10)], { xLabel: 'Batch', yLabel: 'Loss', markers });
    expect(spec.datasets).toEqual(expect.objectContaining({ [MARKERS_DATASET]: markers }));
    const [, , rule, text] = spec.layer; // lines, dots (10 points is short), then the markers
    expect(rule).toMatchObject({ data: { name: MARKERS_DATASET }, mark: { type: 'rule' }, encoding: { tooltip: { field: 'label' }, description: { field: 'label' } } });
    expect(text).toMatchObject({ data: { name: MARKERS_DATASET }, mark: { type: 'text' }, encoding: { text: { field: 'label' } } });
    expect(compiledDataNames(spec)).toEqual(expect.arrayContaining([POINTS_DATASET, MARKERS_DATASET]));

    // Without markers the layers are there too, the empty rule group hidden from assistive technology.
    const without = lineChartSpec([batches(10)], { xLabel: 'Batch', yLabel: 'Loss' });
    expect(without.layer.map((l) => l.mark.type)).toEqual(['line', 'point', 'rule', 'text']);
    expect(without.layer[2].mark).toMatchObject({ aria: false });
    expect(spec.layer[2].mark).toMatchObject({ aria: true });
    expect(without.datasets[MARKERS_DATASET]).toEqual([]);
    expect(compiledDataNames(without)).toEqual(expect.arrayContaining([POINTS_DATASET, MARKERS_DATASET]));
  });

  it('shows a legend only for two or more series, in the given order', () => {
    const one = lineChartSpec([epochs('train', [1, 0.5])], options);
    expect(one.layer[0]).toMatchObject({ encoding: { color: { legend: null }, strokeDash: { legend: null } } });
    const names = ['Run 2', 'Run 10'];
    const two = lineChartSpec(names.map((n) => epochs(n, [1, 0.5])), options);
    expect(two.layer[0]).toMatchObject({ encoding: { color: { legend: { orient: 'top' }, scale: { domain: names } }, strokeDash: { scale: { domain: names } } } });
  });

  it('zooms y to the data unless a y domain is given', () => {
    expect(lineChartSpec([epochs('train', [0.9, 0.8])], options).layer[0]).toMatchObject({ encoding: { y: { scale: { zero: false } } } });
    const fixed = lineChartSpec([epochs('train', [0.9, 0.8])], { ...options, yDomain: [0, 1] });
    expect(fixed.layer[0]).toMatchObject({ encoding: { y: { scale: { domain: [0, 1] } } } });
  });

  it('sets axis and legend text to a given size (projectors), and leaves vega-lite defaults otherwise', () => {
    expect(lineChartSpec([epochs('train', [0.9])], options)).not.toHaveProperty('config');
    const big = lineChartSpec([epochs('train', [0.9]), epochs('validation', [0.8])], { ...options, fontSize: 18 }) as TopLevelSpec;
    expect(big.config).toEqual({ axis: { labelFontSize: 18, titleFontSize: 18 }, legend: { labelFontSize: 18, titleFontSize: 18 } });
    expect(compiledDataNames(big)).toContain(POINTS_DATASET);
  });

  it('keeps a named series with no points yet in the colours and legend (validation before epoch 1)', () => {
    const spec = lineChartSpec([epochs('train', []), { name: 'validation', points: [] }], options);
    expect(spec.layer[0]).toMatchObject({ encoding: { color: { legend: { orient: 'top' }, scale: { domain: ['train', 'validation'] } } } });
    expect(spec.datasets[POINTS_DATASET]).toEqual([]);
    expect(compiledDataNames(spec)).toContain(POINTS_DATASET);
  });

  it('depends on the data only through its datasets, from no points to many (one view for a whole run)', () => {
    const layout = (n: number, markers = 0) => {
      const spec = lineChartSpec([{ name: 'loss', points: batches(n).points }], { ...options, integerX: true, markers: Array.from({ length: markers }, (_, i) => ({ x: i + 1, label: 'lr' })) });
      return { ...spec, datasets: null };
    };
    expect(layout(0)).toEqual(layout(1));
    expect(layout(1)).toEqual(layout(SHOW_POINTS_UP_TO + 1));
    expect(layout(40)).toEqual(layout(800));
    expect(layout(40, 1)).toEqual(layout(800, 3));
  });
});

describe('lineChartSpec font size', () => {
  it('carries the projector size through vega-lite to every axis and legend the chart draws', () => {
    const big = lineChartSpec([epochs('train', [1, 0.5]), epochs('validation', [1, 0.6])], { ...options, fontSize: PROJECTOR_FONT_SIZE }) as TopLevelSpec;
    const config = compile(big).spec.config ?? {};
    // What vega renders with: the compiled config, not our own spec's wording of it.
    expect(config.axis).toMatchObject({ labelFontSize: PROJECTOR_FONT_SIZE, titleFontSize: PROJECTOR_FONT_SIZE });
    expect(config.legend).toMatchObject({ labelFontSize: PROJECTOR_FONT_SIZE, titleFontSize: PROJECTOR_FONT_SIZE });
    const normal = compile(lineChartSpec([epochs('train', [1, 0.5])], options) as TopLevelSpec).spec.config ?? {};
    expect(normal.axis?.labelFontSize).toBeUndefined();
  });

  it('draws a smoothed curve with the raw one faint behind it in one colour, a log scale on demand, and readable axis labels', () => {
    const raw = { name: 'loss', group: 'loss', faint: true, points: [{ x: 1, y: 2.415369 }, { x: 2, y: 2.1 }] };
    const smooth = { name: 'loss (smoothed)', group: 'loss', points: [{ x: 1, y: 2.415369 }, { x: 2, y: 2.3 }] };
    const spec = lineChartSpec([raw, smooth], { xLabel: 'Batch', yLabel: 'Loss', logY: true });
    const rows = spec.datasets[POINTS_DATASET] as { series: string; faint: boolean; group: string }[];
    expect(new Set(rows.map((r) => r.group))).toEqual(new Set(['loss']));
    expect(rows.filter((r) => r.faint).map((r) => r.series)).toEqual(['loss', 'loss']);
    expect(spec.layer[0].encoding).toMatchObject({ opacity: { field: 'faint' } });
    const y = spec.layer[0].encoding as unknown as { y: { scale: unknown; axis: { format: string } } };
    expect(y.y.scale).toEqual({ type: 'log' });
    // Two significant digits: "2.4", never "2.415369".
    expect(y.y.axis.format).toBe('.2~r');
  });
});

describe('lineChartSpec compiles cleanly', () => {
  it('vega-lite has nothing to warn about (faint curves, dots, markers, empty or not)', () => {
    const warnings: unknown[] = [];
    const logger = {
      level: () => logger,
      error: () => logger,
      warn: (...args: unknown[]) => (warnings.push(args), logger),
      info: () => logger,
      debug: () => logger,
    };
    const raw = { name: 'loss', group: 'loss', faint: true, points: [{ x: 1, y: 2 }, { x: 2, y: 1.5 }] };
    const smooth = { name: 'loss (smoothed)', group: 'loss', points: [{ x: 1, y: 2 }, { x: 2, y: 1.8 }] };
    const epochDots = { name: 'validation', dotsOnly: true, points: [{ x: 2, y: 1.7 }] };
    for (const series of [[raw, smooth, epochDots], [{ name: 'loss', points: [] }]]) {
      compile(lineChartSpec(series, { xLabel: 'Batch', yLabel: 'Loss', integerX: true, markers: [{ x: 2, label: 'learning rate 0.01' }] }) as TopLevelSpec, { logger });
    }
    expect(warnings).toEqual([]);
  });
});
