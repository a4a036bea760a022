import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { securityHeaders } from './scripts/vite/securityHeaders.ts';
import { wasmThreadsWorkerFiles } from './scripts/vite/wasmThreadsWorkerFiles.ts';

const classRelayProxy = { '/class-relay': { target: `ws://127.0.0.1:${process.env.CLASSROOM_PORT ?? 8787}`, ws: true } };

export default defineConfig({
  // securityHeaders: CSP, COOP/COEP (WASM threads), nosniff, no-referrer on dev and preview.
  plugins: [react(), securityHeaders(), wasmThreadsWorkerFiles()],
  // Web Workers that import tfjs (e.g. a training engine) need the same threads-worker patch.
  worker: { format: 'es', plugins: () => [wasmThreadsWorkerFiles({ emit: false })] },
  build: {
    chunkSizeWarningLimit: 4000,
    // bench/baseline.html is the benchmark's "usual tutorial" page (npm run bench).
    rollupOptions: { input: { main: resolve(import.meta.dirname, 'index.html'), baseline: resolve(import.meta.dirname, 'bench/baseline.html') } },
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
