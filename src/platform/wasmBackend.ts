/**
 * Browser setup for the WASM backend: the .wasm binaries are bundled as assets and their
 * URLs handed to tfjs (no CDN), then the training kernels the backend lacks are registered.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmTrainingKernels } from '../ml/backends/wasm/registerWasmTrainingKernels';
import { gemmHelperReady, setGemmHelperStarter } from '../ml/backends/wasm/split/twoThreads';
import type { BackendWasm } from '../ml/backends/wasm/wasmBackendAccess';
import { startGemmHelper } from './gemmHelper';

let prepared = false;

export async function prepareWasm(): Promise<void> {
  if (prepared) return;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainUrl,
    'tfjs-backend-wasm-simd.wasm': simdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
  });
  // Threads need cross-origin isolation (COOP/COEP headers, see vite.config.ts); without it
  // tfjs detects no SharedArrayBuffer and uses the single-threaded SIMD build.
  registerWasmTrainingKernels();
  // A second thread for gemm.wat's big products, started on the first one (where it can run).
  setGemmHelperStarter(startGemmHelper);
  await startWithEveryLogicalCore();
  prepared = true;
}

/**
 * Initialises the backend so that XNNPACK gets one thread per logical core.
 *
 * tfjs-backend-wasm sizes its thread pool to navigator.hardwareConcurrency / 2 (assuming
 * two hyper-threads per core) and caps any requested count there, so a 2-core machine, a
 * common student laptop or VM, trains on one thread. Measured here (2 cores, default CNN,
 * batch 64): ~730 examples/s on one thread, ~940 on two. Its initialiser reads
 * hardwareConcurrency once, so we show it twice the real count for that moment only.
 */
async function startWithEveryLogicalCore(): Promise<void> {
  const logicalCores = Math.max(1, navigator.hardwareConcurrency || 1);
  setThreadsCount(logicalCores);
  Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => logicalCores * 2, configurable: true });
  try {
    // The caller switches to wasm right after this anyway; doing it here keeps the override short.
    await tf.setBackend('wasm');
  } finally {
    // Removes the override; the prototype's real getter shows through again.
    delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

/** What the running WASM backend uses, e.g. "SIMD, 2 threads" (call once it is active). */
export async function describeWasm(): Promise<string> {
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  const threads = getThreadsCount();
  // Threads need SharedArrayBuffer, i.e. a cross-origin isolated page (COOP/COEP from the host or
  // from the app's service worker, which a first visit does not have yet).
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const threadText = threads > 1 ? `${threads} threads` : isolated ? 'one thread' : 'one thread: this host does not allow threads';
  // The gemm helper (ml/backends/wasm/split/) is started with the backend; waiting for it here
  // also has it ready for the first training step.
  const helper = tf.getBackend() === 'wasm' && (await gemmHelperReady(tf.backend() as unknown as BackendWasm)) ? ' + 1 for matrix products' : '';
  return `${simd ? 'SIMD' : 'no SIMD'}, ${threadText}${helper}`;
}
