/**
 * A page's heap, read from a V8 heap snapshot (DevTools protocol), in the parts a leak shows in.
 * `Runtime.getHeapUsage` gives one figure, and in a long session most of its growth is V8's
 * optimised machine code: functions (vega's, React's, the test driver's own injected script)
 * crossing the optimiser's thresholds cycle after cycle, one code object per function, bounded by
 * the program. The snapshot separates that from what the app keeps: its objects, strings and
 * arrays, and the DOM (with how many nodes are detached, the classic leak).
 */
import type { CDPSession } from '@playwright/test';

/** V8's optimiser output and its metadata (deoptimisation data, source positions): not app data. */
const OPTIMISED_CODE = new Set([
  'system / InstructionStream',
  'system / Code',
  'system / CodeWrapper',
  'system / TrustedByteArray',
  'system / ProtectedFixedArray',
  'system / TrustedWeakFixedArray',
]);

export interface HeapSummary {
  /** JavaScript objects, strings, arrays, closures, shapes, bytecode and feedback: everything V8 holds but optimised code. */
  readonly jsBytes: number;
  /** V8's optimised code and its metadata. */
  readonly optimisedCodeBytes: number;
  /** The DOM and the browser's other objects reachable from the page (type "native"). */
  readonly nativeBytes: number;
  readonly detachedNodes: number;
  /** Count and bytes per "type:name" (constructor), for saying what grew. */
  readonly byConstructor: ReadonlyMap<string, { count: number; bytes: number }>;
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Takes a snapshot (V8 collects garbage first) and sums it up. */
export async function takeHeapSummary(cdp: CDPSession): Promise<HeapSummary> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  await cdp.send('HeapProfiler.enable');
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return summarise(JSON.parse(chunks.join('')) as RawSnapshot);
}

function summarise(raw: RawSnapshot): HeapSummary {
  const fields = raw.snapshot.meta.node_fields;
  const types = raw.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt, detachedAt] = ['type', 'name', 'self_size', 'detachedness'].map((f) => fields.indexOf(f));
  let jsBytes = 0;
  let optimisedCodeBytes = 0;
  let nativeBytes = 0;
  let detachedNodes = 0;
  const byConstructor = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < raw.nodes.length; i += width) {
    const type = types[raw.nodes[i + typeAt]];
    const size = raw.nodes[i + sizeAt];
    const name = type === 'object' || type === 'native' || type === 'code' || type === 'closure' ? raw.strings[raw.nodes[i + nameAt]].slice(0, 60) : '';
    if (type === 'synthetic') continue;
    if (type === 'native') nativeBytes += size;
    else if (type === 'code' && OPTIMISED_CODE.has(name)) optimisedCodeBytes += size;
    else jsBytes += size;
    // 2: detached (0 unknown, 1 attached)
    if (detachedAt >= 0 && type === 'native' && raw.nodes[i + detachedAt] === 2) detachedNodes++;
    const key = `${type}:${name}`;
    const entry = byConstructor.get(key) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += size;
    byConstructor.set(key, entry);
  }
  return { jsBytes, optimisedCodeBytes, nativeBytes, detachedNodes, byConstructor };
}

/** The constructors that grew most from `before` to `after`, in bytes, for a failure message. */
export function growth(before: HeapSummary, after: HeapSummary, top = 12): string {
  const rows = [...after.byConstructor].map(([key, a]) => {
    const b = before.byConstructor.get(key) ?? { count: 0, bytes: 0 };
    return { key, bytes: a.bytes - b.bytes, count: a.count - b.count };
  });
  rows.sort((x, y) => y.bytes - x.bytes);
  return rows
    .slice(0, top)
    .map((r) => `${r.key} +${r.count} (${(r.bytes / 1024).toFixed(1)} KB)`)
    .join('\n');
}
