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
 * For dx = dy·Wᵀ it computes (W·dyᵀ)ᵀ instead when that moves less data (see
 * swapIsCheaper): Node, one thread, dy [64,128], W [1600,128]: ~2.0 → ~1.2 ms.
 *
 * Where simd/gemm.wat runs, batch-1 float32 products with N a multiple of 8 take it instead
 * (transposed operands transposed first): default CNN's Dense 1600 → 128 at batch 64, Node,
 * one thread, CPU time: forward ~2.8 → ~1 ms, its two gradients ~3.7 → ~1.5 ms.
 *
 * Inputs:  a [...batch, M, K] ([..., K, M] if transposeA)
 *          b [...batch, K, N] ([..., N, K] if transposeB)
 * Output:  [...broadcast batch, M, N]
 */
import { BatchMatMul, type BatchMatMulAttrs, type KernelConfig, type KernelFunc, type TensorInfo, util } from '@tensorflow/tfjs';
import { wrapsBuiltin } from './builtinKernel';
import { GEMM_ZERO, gemmKernels } from './simd/gemmKernels';
import { pointerOf } from './simd/simdKernels';
import { gemmShares, MIN_SPLIT_MULTIPLY_ADDS, runParts, shareRange, SPLIT_BLOCKS } from './split/twoThreads';
import { allocF32, type BackendWasm, heapF32, release, runWasmKernel, withShape } from './wasmBackendAccess';

interface Args {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: BackendWasm;
  attrs: BatchMatMulAttrs;
}

const builtin = wrapsBuiltin({ kernelName: BatchMatMul, backendName: 'wasm', kernelFunc: batchMatMulWasm as unknown as KernelFunc });


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
  const plainFloats = batchA === 1 && batchB === 1 && a.dtype === 'float32' && b.dtype === 'float32' && a.shape.length >= 2 && b.shape.length >= 2;
  if (!plainFloats) return builtin.call(args);
  const m = transposeA ? a.shape[a.shape.length - 1] : a.shape[a.shape.length - 2];
  const n = transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
  const outShape = [...(a.shape.length >= b.shape.length ? a.shape : b.shape).slice(0, -2), m, n];
  const k = transposeA ? a.shape[a.shape.length - 2] : a.shape[a.shape.length - 1];
  const gemm = n % 8 === 0 && m * n * k > 0 ? gemmKernels(backend) : null;
  if (gemm != null) return viaGemm(backend, a, b, transposeA, transposeB, [m, k, n], outShape);
  if (!transposeA && !transposeB) return builtin.call(args);
  if (transposeB && !transposeA && swapIsCheaper(m, k, n)) return viaSwappedProduct(backend, a, b, outShape);
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

/** out[M, N] = a[M, K] · b[K, N] with gemm.wat, transposing a or b into fresh buffers first where flagged. */
function viaGemm(
  backend: BackendWasm,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  [m, k, n]: [number, number, number],
  outShape: number[],
): TensorInfo {
  if (transposeB && !transposeA && m % 8 === 0 && n % 4 === 0 && swapIsCheaper(m, k, n)) {
    // (b · aᵀ)ᵀ, as viaSwappedProduct: b [N, K] stays where it is, aᵀ [K, M] is the small copy.
    const outT = viaGemm(backend, b, a, false, true, [n, k, m], [1, n, m]);
    try {
      return withShape(transposeLast2(backend, outT), outShape);
    } finally {
      release(backend, outT);
    }
  }
  let aT: TensorInfo | null = null;
  let bT: TensorInfo | null = null;
  const out = allocF32(backend, outShape);
  try {
    if (transposeA) aT = transposeLast2(backend, a);
    if (transposeB) bT = transposeLast2(backend, b);
    heapF32(backend, a); // dtype checks
    heapF32(backend, b);
    const aPtr = pointerOf(backend, aT ?? a);
    const bPtr = pointerOf(backend, bT ?? b);
    const outPtr = pointerOf(backend, out);
    // Blocks of output rows shared by the engine's thread and the gemm helper where one runs (split/).
    const shares = m * n * k >= MIN_SPLIT_MULTIPLY_ADDS ? gemmShares(backend, Math.min(Math.floor(m / 4), SPLIT_BLOCKS), `matmul ${m}×${k}×${n}`) : 1;
    runParts(backend, shares, (ops, share) => {
      const [lo, hi] = shareRange(m, shares, share);
      ops.gemm(aPtr + lo * k * 4, k, bPtr, n, outPtr + lo * n * 4, n, hi - lo, n, k, GEMM_ZERO, 0, 0);
    });
    return out;
  } catch (e) {
    release(backend, out);
    throw e;
  } finally {
    release(backend, aT);
    release(backend, bT);
  }
}

/**
 * For a · bᵀ with a [M, K] and b [N, K], the direct way transposes b and XNNPACK packs it:
 * two passes over N·K values. (a · bᵀ)ᵀ = b · aᵀ instead transposes and packs a (M·K
 * each) and transposes the [N, M] result: cheaper when b is the big operand, as in a Dense
 * layer's input gradient dy[batch, units] · W[inputs, units]ᵀ (1600 × 128 weights, batch 64).
 */
function swapIsCheaper(m: number, k: number, n: number): boolean {
  return 2 * m * k + m * n < 2 * n * k;
}

function viaSwappedProduct(backend: BackendWasm, a: TensorInfo, b: TensorInfo, outShape: number[]): TensorInfo {
  let aT: TensorInfo | null = null;
  let outT: TensorInfo | null = null;
  try {
    aT = transposeLast2(backend, a);
    const [n, k] = b.shape.slice(-2);
    outT = builtin.call({ inputs: { a: withShape(b, [1, n, k]), b: aT }, backend, attrs: { transposeA: false, transposeB: false } });
    return withShape(transposeLast2(backend, outT), outShape);
  } finally {
    release(backend, aT);
    release(backend, outT);
  }
}

export const batchMatMulConfig: KernelConfig = builtin.wrapperConfig();
