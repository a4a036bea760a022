/**
 * Keeps at most `max` items, evenly strided, the first and last kept: a long curve keeps its
 * shape and its end (chart points, stored runs, an experiment's batch losses).
 */
export function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return items.slice();
  const out: T[] = [];
  const stride = items.length / max;
  for (let i = 0; i < max - 1; i++) out.push(items[Math.floor(i * stride)]);
  out.push(items[items.length - 1]);
  return out;
}
