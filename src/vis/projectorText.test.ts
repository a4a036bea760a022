/**
 * On a projector every chart's text is at least PROJECTOR_FONT_SIZE: axis labels and titles,
 * legends and text marks, as vega lays them out (its scenegraph, renderer-independent). This is
 * how the class view's canvas charts are checked (the page cannot read a canvas's text); the
 * svg charts are also measured in the browser by the instructor-mode journey.
 */
import { describe, expect, it } from 'vitest';
import { parse, View, type Spec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { barChartSpec } from './barChart';
import { classAccuracySpec, classCurvesSpec } from './classCharts';
import { lineChartSpec, PROJECTOR_FONT_SIZE } from './lineChart';

interface SceneNode {
  marktype?: string;
  items?: SceneNode[];
  text?: unknown;
  fontSize?: number;
}

/** Every text item vega draws for `spec`: its text and font size (vega's default 11 when unset). */
async function drawnText(spec: TopLevelSpec): Promise<{ text: string; fontSize: number }[]> {
  const view = new View(parse(compile(spec).spec as Spec), { renderer: 'none' });
  await view.runAsync();
  const out: { text: string; fontSize: number }[] = [];
  const walk = (node: SceneNode, inText: boolean) => {
    const isText = inText || node.marktype === 'text';
    if (isText && node.text !== undefined && String(node.text).trim() !== '') out.push({ text: String(node.text), fontSize: node.fontSize ?? 11 });
    for (const child of node.items ?? []) walk(child, isText);
  };
  walk((view.scenegraph() as unknown as { root: SceneNode }).root, false);
  view.finalize();
  return out;
}

const small = (texts: { text: string; fontSize: number }[]) => texts.filter((t) => t.fontSize < PROJECTOR_FONT_SIZE).map((t) => `${t.fontSize}px '${t.text}'`);
const fontSize = PROJECTOR_FONT_SIZE;

describe('chart text on a projector', () => {
  it('line charts: axes, legend and learning-rate markers', async () => {
    const series = [
      { name: 'Run 1', points: [{ x: 1, y: 0.7 }, { x: 2, y: 0.8 }] },
      { name: 'Run 2', points: [{ x: 1, y: 0.6 }, { x: 2, y: 0.85 }] },
    ];
    const texts = await drawnText(lineChartSpec(series, { xLabel: 'Epoch', yLabel: 'Accuracy', yDomain: [0, 1], markers: [{ x: 1.5, label: 'lr 0.001 → 0.0005' }], fontSize }));
    expect(texts.map((t) => t.text)).toEqual(expect.arrayContaining(['Epoch', 'Accuracy', 'Run 1', 'lr 0.001 → 0.0005']));
    expect(small(texts)).toEqual([]);
  });

  it('bar charts (the per-class report, the class probabilities)', async () => {
    const bars = ['T-shirt/top', 'Trouser', 'Pullover'].map((label, i) => ({ label, value: 0.5 + i / 10 }));
    const texts = await drawnText(barChartSpec(bars, { xLabel: 'Class', yLabel: 'Accuracy (%)', yFormat: '.0%', fontSize }));
    expect(texts.map((t) => t.text)).toEqual(expect.arrayContaining(['Class', 'Trouser']));
    expect(small(texts)).toEqual([]);
  });

  it("the class view's canvas charts: curves and accuracy per value", async () => {
    const options = { width: 600, fontSize, values: ['0', '0.5'], valueLabel: 'Dropout rate', summary: '' };
    const curves = await drawnText(classCurvesSpec([{ student: 'a', value: '0', x: 1, loss: 0.5 }, { student: 'b', value: '0.5', x: 1, loss: 0.6 }] as never, options));
    expect(curves.map((t) => t.text)).toEqual(expect.arrayContaining(['Epochs trained', 'Dropout rate']));
    expect(small(curves)).toEqual([]);
    const accuracy = await drawnText(classAccuracySpec([{ student: 'a', value: '0', accuracy: 0.85 }] as never, [{ value: '0', mean: 0.85, min: 0.84, max: 0.86 }], options));
    expect(accuracy.map((t) => t.text)).toEqual(expect.arrayContaining(['Test accuracy']));
    expect(small(accuracy)).toEqual([]);
  });

  it('is not trivially met: without a projector size, vega draws 11 px axis text', async () => {
    const texts = await drawnText(lineChartSpec([{ name: 'loss', points: [{ x: 1, y: 1 }] }], { xLabel: 'Batch', yLabel: 'Loss' }));
    expect(small(texts).length).toBeGreaterThan(0);
  });
});
