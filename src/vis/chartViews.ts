/**
 * Keeps one vega view per container and updates it in place: a spec whose layout (everything
 * but its named `datasets`) is unchanged only swaps rows, so live charts redraw cheaply;
 * anything else finalizes the old view and embeds a new one.
 */
import type { VisualizationSpec } from 'vega-embed';
import { describeChart, embedChart, type EmbeddedChart } from './embedChart';

/** A spec whose data lives in named datasets (vega-lite's top-level `datasets`). */
export type SpecWithDatasets = VisualizationSpec & { readonly datasets: Readonly<Record<string, readonly object[]>> };

export interface DrawChartOptions {
  readonly summary: string;
  readonly renderer?: 'svg' | 'canvas';
}

interface Embedded {
  /** The spec without its data: while it is unchanged the view only needs new rows. */
  readonly key: string;
  readonly result: EmbeddedChart;
  readonly host: HTMLElement;
  /** Whether the view has shown rows since it was embedded (see drawChart on emptying). */
  hasRows: boolean;
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

/** Resolves in a later task (not a microtask): lets the browser handle input and paint first. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Says on the container how many rows its chart shows once drawn (data-chart-rows), for tests that wait on it. */
function markDrawn(container: HTMLElement, datasets: SpecWithDatasets['datasets']): void {
  container.dataset.chartRows = String(Object.values(datasets).reduce((sum, rows) => sum + rows.length, 0));
}

/** Finalizes the view (its timers, listeners and tooltip handler) and empties the container. */
function release(container: HTMLElement): void {
  const current = embedded.get(container);
  if (!current) return;
  embedded.delete(container);
  current.result.finalize();
  container.replaceChildren();
  delete container.dataset.chartRows;
}

/** The spec without its data, and the renderer: while it is unchanged the view only needs new rows. */
function layoutKey(spec: SpecWithDatasets, options: DrawChartOptions): string {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the rows are what the key leaves out
  const { datasets, ...layout } = spec;
  return JSON.stringify(layout) + (options.renderer ?? 'svg');
}

/**
 * Draws `spec` into `container` (replacing what it held), or updates the chart already there.
 * A detached container releases its chart instead.
 */
export function drawChart(container: HTMLElement, spec: SpecWithDatasets, options: DrawChartOptions): Promise<void> {
  return enqueue(container, async () => {
    if (!container.isConnected) {
      release(container);
      return;
    }
    const { datasets } = spec;
    const key = layoutKey(spec, options);
    const current = embedded.get(container);
    const empty = Object.values(datasets).every((rows) => rows.length === 0);
    // Emptied after showing rows (a reset, a new run): a fresh view instead of swapping rows.
    // Vega's mark joins keep removed items (each holding its detached SVG element) in a map that
    // is cleaned only after thousands of removals, so a view that lives through many runs grows
    // run after run. Emptying happens between runs, where the 100–300 ms of a new embed do not
    // land on a training batch.
    if (current?.key === key && !(empty && current.hasRows)) {
      // Each chart's update in a task of its own: the Train view's two live charts redrawn in one
      // task made one 100–140 ms task a second late in a run (vega's dataflow, through the
      // CSP-safe expression interpreter, is most of it); two tasks of half that leave the page
      // room for input in between.
      await nextTask();
      if (!container.isConnected || embedded.get(container) !== current) return;
      current.hasRows ||= !empty;
      const view = current.result.view;
      for (const [name, rows] of Object.entries(datasets)) {
        try {
          view.data(name, rows as object[]);
        } catch (error) {
          // A dataset no layer reads is left out of the view by vega-lite; it can only be empty
          // (rows in it would have made the spec, and so the key, different).
          if (rows.length > 0) throw error;
        }
      }
      await view.runAsync();
      describeChart(current.host, options.summary);
      markDrawn(container, datasets);
      return;
    }
    release(container);
    // The container stays a plain block (vega-embed makes its own element inline-block, sized
    // by the chart), so its width is the space available, not the last chart's width.
    const host = document.createElement('div');
    container.replaceChildren(host);
    const result = await embedChart(host, spec, options);
    embedded.set(container, { key, result, host, hasRows: !empty });
    markDrawn(container, datasets);
  });
}

/** Some rows of one dataset changed: rows `remove` accepts leave, `insert` arrive; `rows` is how many it holds after. */
export interface RowChange {
  readonly dataset: string;
  readonly remove: (row: object) => boolean;
  readonly insert: readonly object[];
  readonly rows: number;
}

/**
 * Changes only some rows of the chart already in `container`, when it was drawn from a spec with
 * `spec`'s layout: vega then recomputes only what depends on them (e.g. only the lines of the
 * runs that changed, each a facet of its own) instead of every row. Resolves false, changing
 * nothing, when there is no such chart (draw it whole with drawChart).
 */
export function changeChartRows(container: HTMLElement, spec: SpecWithDatasets, options: DrawChartOptions, change: RowChange): Promise<boolean> {
  let changed = false;
  return enqueue(container, async () => {
    const current = embedded.get(container);
    if (!container.isConnected || current?.key !== layoutKey(spec, options) || change.rows === 0) return;
    const view = current.result.view;
    view.change(change.dataset, view.changeset().remove(change.remove).insert(change.insert as object[]));
    await view.runAsync();
    current.hasRows = true;
    describeChart(current.host, options.summary);
    container.dataset.chartRows = String(change.rows);
    changed = true;
  }).then(() => changed);
}

/** Empties the container once pending draws have finished (nothing to show, e.g. after a reset). */
export function clearChart(container: HTMLElement): Promise<void> {
  return enqueue(container, () => release(container));
}

/** For React cleanup: finalizes the container's chart once pending draws have finished. */
export function disposeChart(container: HTMLElement): void {
  void clearChart(container);
}
