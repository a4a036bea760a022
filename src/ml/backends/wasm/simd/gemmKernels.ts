/**
 * gemm.wat's matrix product, instantiated on the tfjs wasm backend's own memory like
 * simdKernels.ts: with relaxed SIMD's fused multiply-add where the engine has it (Chrome and
 * Edge since 114, Firefox since 120; Node 20 only with --experimental-wasm-relaxed-simd), else
 * as a multiply and an add. `gemmKernels()` returns null where neither flavour runs (no
 * WebAssembly SIMD) or when the SIMD kernels are turned off: callers keep their other path.
 */
import type { BackendWasm } from '../wasmBackendAccess';
import { GEMM_RELAXED_SHARED, GEMM_RELAXED_UNSHARED, GEMM_SHARED, GEMM_UNSHARED } from './gemmBinary';
import { backendMemory, simdKernelsEnabled } from './simdKernels';

export interface GemmKernels {
  /** True when every multiply-add is one fused instruction (relaxed SIMD). */
  readonly fused: boolean;
  /**
   * C[i, j] = start + Σ_t A[i, t]·B[t, j] for i < m, j < n (n a multiple of 8), t < k; start is 0
   * (mode 0), C[i, j] (mode 1) or bias[j] (mode 2); clamped at 0 when relu is 1. Pointers in bytes,
   * row strides lda, ldb, ldc in floats.
   */
  gemm(a: number, lda: number, b: number, ldb: number, c: number, ldc: number, m: number, n: number, k: number, mode: number, bias: number, relu: number): void;
}

export const GEMM_ZERO = 0;
export const GEMM_ACCUMULATE = 1;
export const GEMM_BIAS = 2;

const instances = new WeakMap<WebAssembly.Memory, GemmKernels | null>();
let fusedAllowed = true;
let gemmEnabled = true;

/** Turns gemm.wat off altogether (A/B timings against the XNNPACK paths); on by default. */
export function setGemmEnabled(on: boolean): void {
  gemmEnabled = on;
}

/** Turns the fused flavour off (tests of the unfused one, A/B timings); on by default. */
export function setFusedGemmAllowed(on: boolean): void {
  fusedAllowed = on;
}

export function gemmKernels(backend: BackendWasm): GemmKernels | null {
  if (!simdKernelsEnabled() || !gemmEnabled) return null;
  const memory = backendMemory(backend);
  if (memory == null) return null;
  const key = fusedAllowed ? memory : unfusedKey(memory);
  if (!instances.has(key)) instances.set(key, instantiateGemm(memory, fusedAllowed));
  return instances.get(key) ?? null;
}

/** The unfused instance is cached under a stand-in object per memory. */
const unfusedKeys = new WeakMap<WebAssembly.Memory, WebAssembly.Memory>();
function unfusedKey(memory: WebAssembly.Memory): WebAssembly.Memory {
  if (!unfusedKeys.has(memory)) unfusedKeys.set(memory, {} as WebAssembly.Memory);
  return unfusedKeys.get(memory)!;
}

/** gemm.wat on `memory` (also the helper worker's own instance, split/), fused if asked and possible. */
export function instantiateGemm(memory: WebAssembly.Memory, tryFused: boolean): GemmKernels | null {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const flavours: [string, boolean][] = [
    ...(tryFused ? [[shared ? GEMM_RELAXED_SHARED : GEMM_RELAXED_UNSHARED, true] as [string, boolean]] : []),
    [shared ? GEMM_SHARED : GEMM_UNSHARED, false],
  ];
  for (const [base64, fused] of flavours) {
    const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
    if (!WebAssembly.validate(bytes)) continue;
    try {
      const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
      const { gemm } = instance.exports as unknown as Pick<GemmKernels, 'gemm'>;
      return { fused, gemm };
    } catch {
      // A memory of another shape (LinkError): try the next flavour, then give up.
    }
  }
  return null;
}
