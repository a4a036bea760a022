/**
 * BatchMatMul for the wasm backend: a thin wrapper around the built-in kernel.
 *
 * The built-in kernel uses XNNPACK (SIMD) only for batch 1 without transpose
 * flags, and a scalar blocked loop otherwise. Training a Dense layer hits the
 * slow loop twice per step: dW = xᵀ·dy (transposeA) and dx = dy·Wᵀ
 * (transposeB), ~12 ms each for a 1600x128 layer on a batch of 64.
 * For batch 1 with transpose flags this wrapper materialises the transposed
 * operand(s) with the wasm Transpose kernel and calls the built-in kernel
 * without flags; every other case goes to the built-in kernel unchanged.
 *
 * Inputs:  a [...batch, M, K] ([..., K, M] if transposeA)
 *          b [...batch, K, N] ([..., N, K] if transposeB)
 * Output:  [...broadcast batch, M, N]
 */
import { BatchMatMul, type BatchMatMulAttrs, type KernelConfig, type KernelFunc, type TensorInfo, util } from '@tensorflow/tfjs';
import { wrapsBuiltin } from './builtinKernel';
import { type BackendWasm, release, runWasmKernel, withShape } from './wasmBackendAccess';

interface Args {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: BackendWasm;
  attrs: BatchMatMulAttrs;
}

const builtin = wrapsBuiltin({ kernelName: BatchMatMul, backendName: 'wasm', kernelFunc: batchMatMulWasm as unknown as KernelFunc });

/** Remembers the built-in BatchMatMul; must run before the wrapper replaces it. */
export function captureBuiltinBatchMatMul(): void {
  builtin.capture();
}

/** [..., r, c] -> fresh [1, c, r] (the leading dims are all 1 here). */
function transposeLast2(backend: BackendWasm, t: TensorInfo): TensorInfo {
  const [r, c] = t.shape.slice(-2);
  const out = runWasmKernel(backend, 'Transpose', { x: withShape(t, [r, c]) }, { perm: [1, 0] });
  return withShape(out, [1, c, r]);
}

export function batchMatMulWasm(args: Args): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { a, b } = inputs;
  const { transposeA, transposeB } = attrs;
  const batchA = util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = util.sizeFromShape(b.shape.slice(0, -2));
  const slowPath = (transposeA || transposeB) && batchA === 1 && batchB === 1;
  if (!slowPath || a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) {
    return builtin.call(args);
  }
  const m = transposeA ? a.shape[a.shape.length - 1] : a.shape[a.shape.length - 2];
  const n = transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
  const outShape = [...(a.shape.length >= b.shape.length ? a.shape : b.shape).slice(0, -2), m, n];
  let aT: TensorInfo | null = null;
  let bT: TensorInfo | null = null;
  try {
    if (transposeA) aT = transposeLast2(backend, a);
    if (transposeB) bT = transposeLast2(backend, b);
    const out = builtin.call({
      inputs: { a: aT ?? a, b: bT ?? b },
      backend,
      attrs: { transposeA: false, transposeB: false },
    });
    return withShape(out, outShape);
  } finally {
    release(backend, aT);
    release(backend, bT);
  }
}

export const batchMatMulConfig: KernelConfig = builtin.wrapperConfig();
