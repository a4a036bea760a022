import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger, parse, View, Warn } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile } from 'vega-lite';
import { logChartMessage } from './embedChart';
import { lineChartSpec } from './lineChart';

afterEach(() => vi.restoreAllMocks());

/** A line chart as the page embeds it before its run (no rows yet), with the charts' logger. */
async function runEmptyLineChart(): Promise<void> {
  const spec = lineChartSpec([{ name: 'loss', points: [] }], { xLabel: 'Batch', yLabel: 'Loss', integerX: true });
  const chartLogger = logger(Warn, undefined, logChartMessage);
  const view = new View(parse(compile(spec, { logger: chartLogger }).spec, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'none', logger: chartLogger });
  try {
    await view.runAsync();
  } finally {
    view.finalize();
  }
}

describe('the charts’ logger', () => {
  it('says nothing about an empty chart (no extent is expected before the first rows)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await runEmptyLineChart();
    expect(warn).not.toHaveBeenCalled();
  });

  it('the same chart with vega’s own logger at the same level does warn: the test sees the warnings it drops', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const spec = lineChartSpec([{ name: 'loss', points: [] }], { xLabel: 'Batch', yLabel: 'Loss', integerX: true });
    const view = new View(parse(compile(spec).spec, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'none', logger: logger(Warn) });
    await view.runAsync();
    view.finalize();
    expect(warn.mock.calls.map((call) => String(call[1]))).toContain('Infinite extent for field "x": [Infinity, -Infinity]');
  });

  it('passes every other message on', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    logChartMessage('warn', 'WARN', ['Unrecognized scale name: "colour"']);
    logChartMessage('error', 'ERROR', ['Infinite extent, but an error']);
    expect(warn).toHaveBeenCalledWith('WARN', 'Unrecognized scale name: "colour"');
    expect(error).toHaveBeenCalledTimes(1);
  });
});
