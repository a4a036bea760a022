import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { wasmThreadsWorkerSource } from './scripts/vite/wasmThreadsWorkerSource.ts';

// Cross-origin isolation lets the WASM backend use threads (SharedArrayBuffer);
// every asset is same-origin, so the strict policy costs nothing here.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), wasmThreadsWorkerSource()],
  // The engine runs in a module worker (src/engine/worker.ts) that loads TensorFlow.js, whose
  // WASM backend needs the same build fix there as on the page.
  worker: { format: 'es', plugins: () => [wasmThreadsWorkerSource()] },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  build: {
    chunkSizeWarningLimit: 4000,
    // bench/baseline.html is the benchmark's "usual tutorial" page (npm run bench).
    rollupOptions: { input: { main: resolve(import.meta.dirname, 'index.html'), baseline: resolve(import.meta.dirname, 'bench/baseline.html') } },
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
