import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import { barChartSpec } from './barChart';
import { lineChartSpec } from './lineChart';

/**
 * Every spec we draw must render with vega's expression interpreter alone: under the app's
 * Content-Security-Policy (no 'unsafe-eval') `Function` throws, so here it throws too.
 */
const realFunction = globalThis.Function;
function forbidEval() {
  globalThis.Function = new Proxy(realFunction, {
    apply: () => {
      throw new EvalError('Function() is forbidden (no unsafe-eval)');
    },
    construct: () => {
      throw new EvalError('new Function() is forbidden (no unsafe-eval)');
    },
  });
}

/** What embedChart does, minus the DOM: vega-lite → vega → AST → interpreted view → svg text. */
async function renderWithoutEval(spec: TopLevelSpec): Promise<string> {
  const runtime = parse(compile(spec).spec, undefined, { ast: true });
  const view = new View(runtime, { expr: expressionInterpreter, renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

describe('chart specs without eval', () => {
  beforeEach(forbidEval);
  afterEach(() => {
    globalThis.Function = realFunction;
  });

  it('the test really forbids Function', () => {
    expect(() => new Function('return 1')).toThrow(EvalError);
  });

  it('line chart with markers, dots and a legend', async () => {
    const series = [
      { name: 'train', points: [{ x: 1, y: 0.9 }, { x: 2, y: 0.6 }] },
      { name: 'validation', points: [{ x: 1, y: 1 }, { x: 2, y: 0.7 }] },
    ];
    const svg = await renderWithoutEval(lineChartSpec(series, { xLabel: 'Epoch', yLabel: 'Loss', markers: [{ x: 2, label: 'learning rate 0.001 → 0.005' }], fontSize: 18 }));
    expect(svg).toContain('learning rate 0.001 → 0.005');
    expect(svg).toContain('validation');
    expect(svg).toMatch(/font-size="18px"/);
  });

  it('bar chart in the given order', async () => {
    const svg = await renderWithoutEval(barChartSpec([{ label: 'Trouser', value: 0.9 }, { label: 'Bag', value: 0.1 }], { xLabel: '', yLabel: 'Probability', yDomain: [0, 1], yFormat: '.0%' }));
    expect(svg.indexOf('Trouser')).toBeLessThan(svg.indexOf('Bag'));
    expect(svg).toContain('100%');
  });
});
