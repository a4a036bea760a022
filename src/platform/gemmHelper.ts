/**
 * Starts the gemm helper worker (gemmHelperWorker.ts) for the split WASM kernels
 * (ml/backends/wasm/split/twoThreads.ts) where it can run: in a worker (the engine's; the page's
 * main thread may not block in Atomics.wait) whose tfjs memory is shared (the threaded build,
 * cross-origin isolated). Anywhere else, or if the worker cannot be made, it returns null and
 * the kernels run on one thread. The worker is bundled by Vite like the engine's (same origin,
 * so the CSP's worker-src 'self' allows it and the service worker precaches it).
 */
import { atomicsSecondThread, newControlBlock, reportHelperFailed, type SecondThread } from '../ml/backends/wasm/split/helperProtocol';

declare const WorkerGlobalScope: unknown;

export function canStartGemmHelper(memory: WebAssembly.Memory): boolean {
  return typeof WorkerGlobalScope !== 'undefined' && typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
}

export function startGemmHelper(memory: WebAssembly.Memory, fused: boolean): SecondThread | null {
  if (!canStartGemmHelper(memory)) return null;
  const control = newControlBlock();
  let worker: Worker;
  try {
    worker = new Worker(new URL('./gemmHelperWorker.ts', import.meta.url), { type: 'module', name: 'gemm-helper' });
  } catch {
    return null;
  }
  // A worker that fails to load or throws before it serves: stay on one thread.
  worker.onerror = () => reportHelperFailed(control);
  try {
    worker.postMessage({ memory, control: control.buffer, fused });
  } catch {
    // A memory this browser will not share with another worker (DataCloneError): one thread.
    worker.terminate();
    return null;
  }
  return atomicsSecondThread(control, () => worker.terminate());
}
