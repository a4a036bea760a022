/**
 * The benchmark's build (npm run bench): the app as in production plus what only the
 * benchmark uses, which the production build (vite.config.ts) leaves out: the baseline page
 * (bench/baseline.html: model.fit with tfjs-vis charts), the in-page harness (src/bench) and
 * the engine's benchmark requests. Mode 'bench' keeps the code behind
 * `import.meta.env.MODE` checks that production builds drop.
 */
import { resolve } from 'node:path';
import { mergeConfig } from 'vite';
import baseConfig from './vite.config.ts';

export default mergeConfig(baseConfig, {
  mode: 'bench',
  build: {
    rollupOptions: { input: { main: resolve(import.meta.dirname, 'index.html'), baseline: resolve(import.meta.dirname, 'bench/baseline.html') } },
  },
});
