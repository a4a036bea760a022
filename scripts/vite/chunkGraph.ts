/**
 * Writes the build's chunk graph (which modules each JavaScript chunk holds, what it imports
 * statically and dynamically) to `.vite/chunk-graph.json` in the output folder, for the
 * eager-chunk check (scripts/build/checkEagerChunks.ts). Vite's manifest lists chunks but not
 * the modules inside them, which is what tells whether TensorFlow.js reached the page.
 */
import type { Plugin } from 'vite';

export interface GraphChunk {
  readonly file: string;
  readonly isEntry: boolean;
  /** The module the chunk stands for (an entry or a dynamically imported module), if any. */
  readonly facade: string | null;
  readonly imports: readonly string[];
  readonly dynamicImports: readonly string[];
  readonly modules: readonly string[];
}

export const CHUNK_GRAPH_FILE = '.vite/chunk-graph.json';

export function chunkGraph(): Plugin {
  return {
    name: 'playground-chunk-graph',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: GraphChunk[] = [];
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        chunks.push({
          file: output.fileName,
          isEntry: output.isEntry,
          facade: output.facadeModuleId ? relativeModule(output.facadeModuleId) : null,
          imports: output.imports,
          dynamicImports: output.dynamicImports,
          modules: output.moduleIds.map(relativeModule),
        });
      }
      this.emitFile({ type: 'asset', fileName: CHUNK_GRAPH_FILE, source: JSON.stringify(chunks, null, 1) });
    },
  };
}

/** Module ids relative to the project (node_modules paths kept from `node_modules/` on). */
function relativeModule(id: string): string {
  const clean = id.replace(/^\0/, '').replace(/\?.*$/, '');
  const nodeModules = clean.lastIndexOf('/node_modules/');
  if (nodeModules >= 0) return clean.slice(nodeModules + 1);
  const root = process.cwd().replace(/\\/g, '/') + '/';
  return clean.replace(/\\/g, '/').startsWith(root) ? clean.replace(/\\/g, '/').slice(root.length) : clean;
}
