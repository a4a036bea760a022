/**
 * Browser setup for the WASM backend: the .wasm binaries are bundled as assets and their
 * URLs handed to tfjs (no CDN), then the training kernels the backend lacks are registered.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmTrainingKernels } from '../ml/backends/wasm/registerWasmTrainingKernels';

let prepared = false;

export async function prepareWasm(): Promise<void> {
  if (prepared) return;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainUrl,
    'tfjs-backend-wasm-simd.wasm': simdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
  });
  // The threaded build's worker is created from the emscripten factory's source text, which
  // a minifying bundler breaks ("e is not defined" in every worker, and the backend never
  // starts). SIMD without threads is robust, and our training kernels are single-threaded.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerWasmTrainingKernels();
  prepared = true;
}
