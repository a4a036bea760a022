/**
 * The build check run by `npm test` after `vite build`: fails if a chunk the page loads
 * eagerly holds TensorFlow.js code (it belongs to the engine's worker), and reports the eager
 * JavaScript's size, raw and gzipped, against the budget.
 *
 *   npx tsx scripts/build/checkEagerChunks.ts [dist]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHUNK_GRAPH_FILE, type GraphChunk } from '../vite/chunkGraph.ts';
import { eagerChunks, tfjsInChunks } from './eagerChunks.ts';

/** The page's eager JavaScript, gzipped, may not exceed this. */
export const EAGER_GZIP_BUDGET_BYTES = 600 * 1024;

const dist = process.argv[2] ?? 'dist';
const graph = JSON.parse(readFileSync(join(dist, CHUNK_GRAPH_FILE), 'utf8')) as GraphChunk[];
const eager = eagerChunks(graph, 'index.html');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

let raw = 0;
let gzipped = 0;
const rows = eager.map((chunk) => {
  const bytes = readFileSync(join(dist, chunk.file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzipped += gz;
  return { file: chunk.file, raw: bytes.length, gzip: gz };
});
rows.sort((a, b) => b.raw - a.raw).forEach((row) => console.log(`  ${row.file.padEnd(48)} ${kb(row.raw).padStart(11)}  gzip ${kb(row.gzip).padStart(10)}`));
console.log(`Eager JavaScript: ${eager.length} chunks, ${kb(raw)} raw, ${kb(gzipped)} gzipped (budget ${kb(EAGER_GZIP_BUDGET_BYTES)} gzipped).`);

const failures: string[] = [];
for (const { file, modules } of tfjsInChunks(eager)) {
  failures.push(`${file} is loaded eagerly but holds TensorFlow.js (${modules.length} modules, e.g. ${modules.slice(0, 3).join(', ')}). The page must reach the engine through src/protocol only.`);
}
if (gzipped > EAGER_GZIP_BUDGET_BYTES) failures.push(`The eager JavaScript is ${kb(gzipped)} gzipped, over the ${kb(EAGER_GZIP_BUDGET_BYTES)} budget.`);
if (failures.length > 0) {
  failures.forEach((failure) => console.error(`FAIL: ${failure}`));
  process.exit(1);
}
console.log('OK: no TensorFlow.js in the eager chunks.');
