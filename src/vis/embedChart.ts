/**
 * The one place a chart is embedded. Vega normally compiles its expressions with `Function`,
 * which a Content-Security-Policy without 'unsafe-eval' forbids (every chart would stay
 * empty); here every chart is parsed to an AST and run by vega's expression interpreter.
 * The only module that imports vega-embed (see eslint.config.js).
 */
import embed, { type Result, vega, type VisualizationSpec } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';

export type { Result as EmbeddedChart } from 'vega-embed';

export interface EmbedChartOptions {
  /** svg (default) keeps axis text selectable and ARIA-labelled; canvas is cheaper for many marks. */
  readonly renderer?: 'svg' | 'canvas';
  /** Text alternative for screen readers: what the chart shows, latest values first. */
  readonly summary: string;
}

/**
 * Vega's logger at its usual level (warnings), minus one warning: a chart drawn before it has
 * rows (every live chart is, so its first points only swap rows) has no extent on its axes, and
 * vega says so for each axis, each time. That was dozens of console warnings per run, each kept
 * by the browser's console (the soak journey's heap grew with them); everything else still shows.
 */
export function logChartMessage(method: 'log' | 'warn' | 'error', level: string, args: readonly unknown[]): void {
  if (method === 'warn' && typeof args[0] === 'string' && args[0].startsWith('Infinite extent')) return;
  console[method](level, ...args);
}

const chartLogger = vega.logger(vega.Warn, undefined, logChartMessage);

/** Embeds `spec` into `container` without eval, without the export menu, labelled by `summary`. */
export async function embedChart(container: HTMLElement, spec: VisualizationSpec, options: EmbedChartOptions): Promise<Result> {
  const result = await embed(container, spec, {
    renderer: options.renderer ?? 'svg',
    actions: false,
    ast: true,
    expr: expressionInterpreter,
    logger: chartLogger,
  });
  describeChart(container, options.summary);
  return result;
}

/**
 * Makes `element` one image to assistive technology, named by `summary`: vega's own svg tree
 * (every tick and gridline) is noise when read aloud, the summary is what a listener needs.
 */
export function describeChart(element: HTMLElement, summary: string): void {
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', summary);
}
