/// <reference types="vite/client" />
/**
 * The page scripts/profile/wasmBrowser.ts opens (served by Vite's dev server with the app's
 * COOP/COEP headers, so WASM gets its threads): it runs the training step in a worker, as the
 * app's engine does (the gemm helper needs one: Atomics.wait is not allowed on the page), and
 * exposes the worker's API as `wasmStepProfile`.
 */
import type { StepApi } from './stepWorker';

const worker = new Worker(new URL('./stepWorker.ts', import.meta.url), { type: 'module', name: 'profile-engine' });
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextId = 0;
worker.onmessage = ({ data }: MessageEvent<{ id: number; result?: unknown; error?: string }>) => {
  const call = pending.get(data.id);
  pending.delete(data.id);
  if (data.error != null) call?.reject(new Error(data.error));
  else call?.resolve(data.result);
};

const api = new Proxy({} as StepApi, {
  get: (_, method: string) => (...args: unknown[]) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args });
    }),
});

(globalThis as unknown as { wasmStepProfile: StepApi }).wasmStepProfile = api;
