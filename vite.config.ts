import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { securityHeaders } from './scripts/vite/securityHeaders.ts';
import { wasmThreadsWorkerFiles } from './scripts/vite/wasmThreadsWorkerFiles.ts';
import { appPwa } from './scripts/vite/pwa.ts';

export default defineConfig({
  // Relative URLs everywhere: the same build works at /, under any sub-path and from a plain folder.
  base: './',
  // securityHeaders: CSP, COOP/COEP (WASM threads), nosniff, no-referrer on dev and preview.
  plugins: [react(), securityHeaders(), wasmThreadsWorkerFiles(),
    // Service worker (offline, COOP/COEP on any static host) and web app manifest.
    appPwa()],
  // Web Workers that import tfjs (e.g. a training engine) need the same threads-worker patch.
  worker: { format: 'es', plugins: () => [wasmThreadsWorkerFiles({ emit: false })] },
  build: {
    chunkSizeWarningLimit: 4000,
    // bench/baseline.html is the benchmark's "usual tutorial" page (npm run bench).
    rollupOptions: { input: { main: resolve(import.meta.dirname, 'index.html'), baseline: resolve(import.meta.dirname, 'bench/baseline.html') } },
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // CPU-heavy tests (real training steps) must pass on a busy machine too: generous, never tight.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
