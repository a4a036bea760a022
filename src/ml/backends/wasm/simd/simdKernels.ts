/**
 * The SIMD kernels of kernels.wat, instantiated on the tfjs wasm backend's own memory.
 *
 * The module imports that memory (the threaded build shares it between its workers: then the
 * shared-memory binary is used), so its functions take tensors' byte offsets and work in
 * place. It is ~1 KB, small enough to compile synchronously on any thread, so it is made on
 * first use, once per backend memory. Where it cannot be (a browser without WebAssembly SIMD,
 * whose tfjs build is the plain one, or a memory tfjs does not expose), `simdKernels()`
 * returns null and callers keep their JavaScript or tfjs-core path.
 */
import { backend as activeBackend, getBackend, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '../wasmBackendAccess';
import { SHARED_MEMORY_KERNELS, UNSHARED_MEMORY_KERNELS } from './simdKernelsBinary';

export interface SimdKernels {
  /** dx[i] = x[i] > 0 ? dy[i] : 0 for `count` floats. */
  reluGrad(dy: number, x: number, dx: number, count: number): void;
  /** Adam's update of `count` parameters (see kernels.wat). */
  adam(w: number, g: number, m: number, v: number, wOut: number, mOut: number, vOut: number, count: number, beta1: number, beta2: number, epsilon: number, stepSize: number, rootScale: number): void;
  /** 2×2 / stride-2 MaxPoolGrad; 1 when a NaN or −∞ window needs the scalar rule. */
  maxPoolGrad2x2(x: number, dy: number, dx: number, n: number, h: number, w: number, c: number): number;
  /** Column sums of x [rows, cols] into acc (cols float64 values); cols a multiple of 4. */
  sumRows(x: number, acc: number, rows: number, cols: number): void;
  /** Column sums of x·y into acc, as sumRows. */
  sumRowProducts(x: number, y: number, acc: number, rows: number, cols: number): void;
  /** y[r, c] = x[r, c]·params[c] + params[cols + c]; cols a multiple of 4. */
  scaleShift(x: number, params: number, y: number, rows: number, cols: number): void;
  /** y[r, c] = x[r, c]·params[c] + z[r, c]·params[cols + c] + params[2·cols + c]; cols a multiple of 4. */
  scaleShift2(x: number, z: number, params: number, y: number, rows: number, cols: number): void;
  /** y[cols, rows] = x[rows, cols]ᵀ; rows and cols multiples of 4. */
  transpose(x: number, y: number, rows: number, cols: number): void;
  /**
   * dw [3, 3, co] of a 3×3, one-input-channel, stride-1 convolution on a padded input xp [n, hp, wp].
   * With y ≠ 0 (a ReLU's output, dy's shape), dy is masked by y > 0 first; with db ≠ 0 the bias
   * gradient db [co] (the sum of the masked dy per channel) is written too.
   */
  filterGrad3x3SingleChannel(xp: number, dy: number, y: number, dw: number, db: number, n: number, hp: number, wp: number, co: number): void;
  /** The ci rows of one filter tap of colsT (see im2colTransposedSimd.ts). */
  im2colTransposedTap(x: number, rows: number, n: number, h: number, w: number, ci: number, ho: number, wo: number, sh: number, sw: number, ihOff: number, iwOff: number, owLo: number, owHi: number): void;
}

const instances = new WeakMap<WebAssembly.Memory, SimdKernels | null>();
let enabled = true;

/** Turns the SIMD kernels off (tests of the fallback paths, A/B timings); on by default. */
export function setSimdKernelsEnabled(on: boolean): void {
  enabled = on;
}

/** Whether setSimdKernelsEnabled left them on (gemmKernels.ts follows the same switch). */
export function simdKernelsEnabled(): boolean {
  return enabled;
}

export function simdKernels(backend: BackendWasm): SimdKernels | null {
  if (!enabled) return null;
  const memory = backendMemory(backend);
  if (memory == null) return null;
  if (!instances.has(memory)) instances.set(memory, instantiateSimdKernels(memory));
  return instances.get(memory) ?? null;
}

/** True when the active backend is wasm and has the SIMD kernels (for gradients and optimizers, which see no backend). */
export function activeBackendHasSimd(): boolean {
  return getBackend() === 'wasm' && simdKernels(activeBackend() as unknown as BackendWasm) != null;
}

/** Byte offset of a tensor's data in the backend's memory. */
export function pointerOf(backend: BackendWasm, info: TensorInfo): number {
  const data = backend.dataIdMap.get(info.dataId);
  if (data == null) throw new Error('tensor data is not on the wasm backend');
  return data.memoryOffset;
}

/** The emscripten module exposes its memory as `wasmMemory` (threaded build) or `asm.memory`. */
export function backendMemory(backend: BackendWasm): WebAssembly.Memory | null {
  const module = backend.wasm as unknown as { wasmMemory?: unknown; asm?: { memory?: unknown } } | undefined;
  const memory = module?.wasmMemory ?? module?.asm?.memory;
  return memory instanceof WebAssembly.Memory ? memory : null;
}

/** kernels.wat on `memory` (also the helper worker's own instance, split/). */
export function instantiateSimdKernels(memory: WebAssembly.Memory): SimdKernels | null {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const bytes = Uint8Array.from(atob(shared ? SHARED_MEMORY_KERNELS : UNSHARED_MEMORY_KERNELS), (ch) => ch.charCodeAt(0));
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    return instance.exports as unknown as SimdKernels;
  } catch {
    // No WebAssembly SIMD here (CompileError), or a memory of another shape (LinkError).
    return null;
  }
}
