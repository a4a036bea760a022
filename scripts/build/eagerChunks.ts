/**
 * Which chunks the page loads before anything is clicked, and whether any of them holds
 * TensorFlow.js. Pure: works on the chunk graph written by scripts/vite/chunkGraph.ts.
 *
 * "Eager" = the HTML entry chunk, everything it imports statically, and the modules the entry
 * imports dynamically at once (src/entry.ts loads the app behind a dynamic import on purpose,
 * so that the address is checked first; the app is still loaded straight away), each with its
 * static imports. Views, the engine's worker and the on-page fallback engine load later.
 */
import type { GraphChunk } from '../vite/chunkGraph.ts';

/** Module paths that are TensorFlow.js (any of its packages, tfjs-vis included). */
export const isTfjsModule = (module: string) => /(^|\/)node_modules\/@tensorflow\//.test(module);

export function eagerChunks(chunks: readonly GraphChunk[], entryFacade: string): GraphChunk[] {
  const byFile = new Map(chunks.map((chunk) => [chunk.file, chunk]));
  const entry = chunks.find((chunk) => chunk.isEntry && chunk.facade === entryFacade);
  if (!entry) throw new Error(`No entry chunk for ${entryFacade} in the chunk graph.`);
  const eager = new Map<string, GraphChunk>();
  const addWithStaticImports = (file: string) => {
    const chunk = byFile.get(file);
    if (!chunk || eager.has(file)) return;
    eager.set(file, chunk);
    chunk.imports.forEach(addWithStaticImports);
  };
  addWithStaticImports(entry.file);
  entry.dynamicImports.forEach(addWithStaticImports);
  return [...eager.values()];
}

/** The TensorFlow.js modules each eager chunk holds (chunks without any left out). */
export function tfjsInChunks(chunks: readonly GraphChunk[]): { file: string; modules: string[] }[] {
  return chunks.map((chunk) => ({ file: chunk.file, modules: chunk.modules.filter(isTfjsModule) })).filter((c) => c.modules.length > 0);
}
