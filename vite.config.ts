import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { securityHeaders } from './scripts/vite/securityHeaders.ts';
import { wasmThreadsWorkerFiles } from './scripts/vite/wasmThreadsWorkerFiles.ts';
import { chunkGraph } from './scripts/vite/chunkGraph.ts';
import { appPwa } from './scripts/vite/pwa.ts';

const classRelayProxy = { '/class-relay': { target: `ws://127.0.0.1:${process.env.CLASSROOM_PORT ?? 8787}`, ws: true } };

export default defineConfig({
  // Relative URLs everywhere: the same build works at /, under any sub-path and from a plain folder.
  base: './',
  // securityHeaders: CSP, COOP/COEP (WASM threads), nosniff, no-referrer on dev and preview.
  // chunkGraph: writes dist/.vite/chunk-graph.json for the eager-chunk check (scripts/build/checkEagerChunks.ts).
  plugins: [react(), securityHeaders(), wasmThreadsWorkerFiles(), chunkGraph(),
    // Service worker (offline, COOP/COEP on any static host) and web app manifest.
    appPwa()],
  // Web Workers that import tfjs (e.g. a training engine) need the same threads-worker patch.
  worker: { format: 'es', plugins: () => [wasmThreadsWorkerFiles({ emit: false })] },
  build: {
    chunkSizeWarningLimit: 4000,
    // The benchmark's pages and code are built only by vite.bench.config.ts (npm run bench).
  },
  // The class relay (npm run classroom) under the app's own origin, so connect-src 'self' covers it in dev and preview too.
  server: { proxy: classRelayProxy },
  preview: { proxy: classRelayProxy },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // CPU-heavy tests (real training steps) must pass on a busy machine too: generous, never tight.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
