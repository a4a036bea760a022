import { describe, expect, it } from 'vitest';
import type { GraphChunk } from '../vite/chunkGraph.ts';
import { eagerChunks, tfjsInChunks } from './eagerChunks.ts';

const chunk = (file: string, extra: Partial<GraphChunk> = {}): GraphChunk => ({ file, isEntry: false, facade: null, imports: [], dynamicImports: [], modules: [], ...extra });

describe('eagerChunks', () => {
  const graph = [
    chunk('entry.js', { isEntry: true, facade: 'index.html', imports: ['helper.js'], dynamicImports: ['main.js'] }),
    chunk('helper.js'),
    chunk('main.js', { imports: ['react.js'], dynamicImports: ['view.js', 'pageEngine.js'] }),
    chunk('react.js', { modules: ['node_modules/react/index.js'] }),
    chunk('view.js', { imports: ['vega.js'] }),
    chunk('vega.js'),
    chunk('pageEngine.js', { modules: ['src/engine/engine.ts', 'node_modules/@tensorflow/tfjs-core/dist/index.js'] }),
    chunk('bench.js', { isEntry: true, facade: 'bench/baseline.html' }),
  ];

  it('takes the entry, its static imports and what the entry loads at once, but not what loads later', () => {
    expect(eagerChunks(graph, 'index.html').map((c) => c.file).sort()).toEqual(['entry.js', 'helper.js', 'main.js', 'react.js']);
  });

  it('finds TensorFlow.js modules in a chunk that the page would load eagerly', () => {
    const leaky = graph.map((c) => (c.file === 'main.js' ? { ...c, imports: [...c.imports, 'pageEngine.js'] } : c));
    expect(tfjsInChunks(eagerChunks(graph, 'index.html'))).toEqual([]);
    expect(tfjsInChunks(eagerChunks(leaky, 'index.html'))).toEqual([{ file: 'pageEngine.js', modules: ['node_modules/@tensorflow/tfjs-core/dist/index.js'] }]);
  });

  it('names a missing entry', () => {
    expect(() => eagerChunks(graph, 'other.html')).toThrow(/other\.html/);
  });
});
