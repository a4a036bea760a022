/**
 * Per-channel sums and scale-and-shift with the SIMD kernels, for [rows, cols] views of tensors
 * whose last axis (cols, a multiple of 4) is the channel: bias gradients and batch-norm moments
 * (sum.ts), batch norm's forward pass (batchNorm.ts) and its gradient (batchNormGrad.ts).
 * Each call borrows a small heap buffer for its per-channel operands and frees it.
 */
import type { TensorInfo } from '@tensorflow/tfjs';
import { allocF32, type BackendWasm, heapF32, release } from '../wasmBackendAccess';
import { pointerOf, simdKernels, type SimdKernels } from './simdKernels';

/** The SIMD kernels when they exist and `cols` suits them, else null (callers keep their JS). */
export function channelSimd(backend: BackendWasm, cols: number): SimdKernels | null {
  return cols > 0 && cols % 4 === 0 ? simdKernels(backend) : null;
}

/** acc[c] = Σ_r x[r, c] (or Σ_r x[r, c]·y[r, c] with `y`), float32 blocks of 8 rows added in double precision. */
export function sumRowsSimd(backend: BackendWasm, simd: SimdKernels, x: TensorInfo, rows: number, cols: number, y?: TensorInfo): Float64Array {
  const acc = allocF32(backend, [2 * cols]); // cols float64 values
  try {
    heapF32(backend, x); // dtype checks
    if (y) heapF32(backend, y);
    if (y) simd.sumRowProducts(pointerOf(backend, x), pointerOf(backend, y), pointerOf(backend, acc), rows, cols);
    else simd.sumRows(pointerOf(backend, x), pointerOf(backend, acc), rows, cols);
    const view = heapF32(backend, acc);
    return new Float64Array(view.buffer, view.byteOffset, cols).slice();
  } finally {
    release(backend, acc);
  }
}

/** out[r, c] = x[r, c]·scale[c] + shift[c] (shift absent: 0). */
export function scaleShiftSimd(
  backend: BackendWasm,
  simd: SimdKernels,
  x: TensorInfo,
  out: TensorInfo,
  rows: number,
  cols: number,
  scale: ArrayLike<number>,
  shift?: ArrayLike<number>,
): void {
  const params = allocF32(backend, [2 * cols]);
  try {
    const view = heapF32(backend, params);
    view.set(scale);
    if (shift) view.set(shift, cols);
    else view.fill(0, cols);
    heapF32(backend, x); // dtype checks
    heapF32(backend, out);
    simd.scaleShift(pointerOf(backend, x), pointerOf(backend, params), pointerOf(backend, out), rows, cols);
  } finally {
    release(backend, params);
  }
}

/** out[r, c] = x[r, c]·a[c] + z[r, c]·b[c] + d[c]. */
export function scaleShift2Simd(
  backend: BackendWasm,
  simd: SimdKernels,
  x: TensorInfo,
  z: TensorInfo,
  out: TensorInfo,
  rows: number,
  cols: number,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  d: ArrayLike<number>,
): void {
  const params = allocF32(backend, [3 * cols]);
  try {
    const view = heapF32(backend, params);
    view.set(a);
    view.set(b, cols);
    view.set(d, 2 * cols);
    for (const t of [x, z, out]) heapF32(backend, t); // dtype checks
    simd.scaleShift2(pointerOf(backend, x), pointerOf(backend, z), pointerOf(backend, params), pointerOf(backend, out), rows, cols);
  } finally {
    release(backend, params);
  }
}
