/**
 * Text alternatives for the charts: one sentence a screen reader can speak, with the latest
 * values first (a listener wants "where is it now", not every point). Pure, so tested in Node.
 */

/** 3 significant digits, no trailing zeros: 0.53, 2.3, 1230. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(3)));
}

export interface SummaryPoint {
  readonly x: number;
  readonly y: number;
}

export interface SummarySeries {
  readonly name: string;
  readonly points: readonly SummaryPoint[];
}

/**
 * E.g. "Loss by batch. loss: 0.53 at batch 120 (started at 2.3). Marked: learning rate
 * 0.001 → 0.005 at batch 30." Empty series are left out.
 */
export function lineChartSummary(
  series: readonly SummarySeries[],
  xLabel: string,
  yLabel: string,
  markers: readonly { readonly x: number; readonly label: string }[] = [],
): string {
  const x = xLabel.toLowerCase();
  const parts = series
    .filter((s) => s.points.length > 0)
    .map((s) => {
      const first = s.points[0];
      const last = s.points[s.points.length - 1];
      const start = s.points.length > 1 ? ` (started at ${formatValue(first.y)})` : '';
      return `${s.name}: ${formatValue(last.y)} at ${x} ${last.x}${start}`;
    });
  const marked = markers.length > 0 ? ` Marked: ${markers.map((m) => `${m.label} at ${x} ${m.x}`).join('; ')}.` : '';
  const body = parts.length > 0 ? ` ${parts.join('; ')}.` : ' No data yet.';
  return `${yLabel} by ${x}.${body}${marked}`;
}

/** E.g. "Accuracy (%) by class: T-shirt/top 81, Trouser 95, …. Highest: Trouser 95." */
export function barChartSummary(
  bars: readonly { readonly label: string; readonly value: number }[],
  title: string,
  format: (value: number) => string = formatValue,
): string {
  if (bars.length === 0) return `${title}: no data.`;
  const top = bars.reduce((best, b) => (b.value > best.value ? b : best));
  return `${title}: ${bars.map((b) => `${b.label} ${format(b.value)}`).join(', ')}. Highest: ${top.label} ${format(top.value)}.`;
}

/**
 * The diagonal (correct answers per class) and the largest off-diagonal cell (the most common
 * mistake); the full matrix is in the table of buttons next to the chart.
 */
export function confusionMatrixSummary(values: readonly (readonly number[])[], classNames: readonly string[], unit: string): string {
  const name = (i: number) => classNames[i] ?? `class ${i}`;
  const diagonal = values.map((row, i) => `${name(i)} ${formatValue(row[i] ?? 0)}`).join(', ');
  type Cell = { row: number; col: number; value: number };
  const cells: Cell[] = values.flatMap((row, r) => row.map((value, c) => ({ row: r, col: c, value })));
  const mistake = cells.filter((cell) => cell.row !== cell.col && cell.value > 0).reduce<Cell | null>((worst, cell) => (worst === null || cell.value > worst.value ? cell : worst), null);
  const mistakeText = mistake ? ` Most common mistake: ${name(mistake.row)} taken for ${name(mistake.col)} (${formatValue(mistake.value)}).` : ' No mistakes.';
  return `Confusion matrix (${unit}). Correct per class: ${diagonal}.${mistakeText}`;
}
