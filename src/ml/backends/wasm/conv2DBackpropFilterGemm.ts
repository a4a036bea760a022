/**
 * Conv2DBackpropFilter's 'gemm' layout (see conv2DBackpropFilter.ts), split over two threads
 * where the gemm helper runs (split/twoThreads.ts) as FILTER_GRAD_SHARES blocks of images:
 *
 *   dW[K, Co] = Σ over chunks of whole images: colsT[K, chunk] · dy[chunk, Co]
 *
 * with K = Fh·Fw·Ci, colsT made by kernels.wat's im2colTransposedTap a chunk at a time, dy read
 * where it lies. Each share has its own colsT scratch and its own partial sum (share 0 into dW,
 * the others into scratch [K, Co]), whichever thread runs it; dW += the partials at the end.
 * Default CNN's second layer (x [64, 13, 13, 32], dy [64, 11, 11, 64]): 38 M multiply-adds.
 */
import type { TensorInfo, backend_util } from '@tensorflow/tfjs';
import { colsShape, im2colTransposed } from './im2col';
import { canIm2colTransposedSimd, im2colTransposedSimd } from './simd/im2colTransposedSimd';
import { GEMM_ACCUMULATE, GEMM_ZERO, gemmKernels } from './simd/gemmKernels';
import { pointerOf, simdKernels } from './simd/simdKernels';
import { gemmShares, MIN_SPLIT_MULTIPLY_ADDS, runParts, shareRange } from './split/twoThreads';
import { allocF32, type BackendWasm, heapF32, release } from './wasmBackendAccess';

/**
 * Rows of M per product: whole images of ≤ ~256 rows (at least one), so that a chunk's colsT
 * (K × rows) and dy rows stay in L2 while gemm.wat sweeps them once per tile of dW (measured:
 * 242 rows 8.2 ms, 484 8.5, all 7,744 at once 20 ms).
 */
export const GEMM_CHUNK_ROWS = 256;

/** Blocks of images with the helper: each costs a colsT scratch (~280 KB here) and a partial sum. */
export const FILTER_GRAD_SHARES = 4;

/** dW [Fh, Fw, Ci, Co] with gemm.wat; null where it does not apply (Co not a multiple of 8, no SIMD). */
export function filterGradViaGemm(
  backend: BackendWasm,
  x: TensorInfo,
  dy: TensorInfo,
  info: backend_util.Conv2DInfo,
  filterShape: number[],
  chunkRows = GEMM_CHUNK_ROWS,
): TensorInfo | null {
  const n = info.batchSize;
  const co = info.outChannels;
  if (co % 8 !== 0 || gemmKernels(backend) == null) return null;
  const [m, k] = colsShape(info);
  const rowsPerImage = info.outHeight * info.outWidth;
  const xPerImage = info.inHeight * info.inWidth * info.inChannels;
  const imagesPerChunk = Math.min(n, Math.max(1, Math.floor(chunkRows / rowsPerImage)));
  const simd = canIm2colTransposedSimd(info) ? simdKernels(backend) : null;
  // The helper replays recorded wasm calls only: the JavaScript im2col stays on this thread.
  const parts = simd != null && m * k * co >= MIN_SPLIT_MULTIPLY_ADDS ? gemmShares(backend, Math.min(n, FILTER_GRAD_SHARES), `filter grad ${x.shape} ${dy.shape}`) : 1;
  const dW = allocF32(backend, filterShape);
  const scratch: TensorInfo[] = [];
  try {
    const colsT: TensorInfo[] = [];
    const sums: TensorInfo[] = [dW];
    for (let share = 0; share < parts; share++) {
      colsT.push(allocF32(backend, [k, imagesPerChunk * rowsPerImage]));
      scratch.push(colsT[share]);
      if (share > 0) {
        sums.push(allocF32(backend, filterShape));
        scratch.push(sums[share]);
      }
    }
    heapF32(backend, x); // dtype checks
    heapF32(backend, dy);
    const xPtr = pointerOf(backend, x);
    const dyPtr = pointerOf(backend, dy);
    runParts(backend, parts, (ops, share) => {
      const [lo, hi] = shareRange(n, parts, share);
      const colsTPtr = pointerOf(backend, colsT[share]);
      const sumPtr = pointerOf(backend, sums[share]);
      for (let b0 = lo; b0 < hi; b0 += imagesPerChunk) {
        const images = Math.min(imagesPerChunk, hi - b0);
        const rows = images * rowsPerImage;
        const chunkInfo = { ...info, batchSize: images };
        if (simd != null) {
          im2colTransposedSimd(ops, xPtr + b0 * xPerImage * 4, colsTPtr, chunkInfo);
        } else {
          im2colTransposed(heapF32(backend, x).subarray(b0 * xPerImage, (b0 + images) * xPerImage), chunkInfo, heapF32(backend, colsT[share]));
        }
        ops.gemm(colsTPtr, rows, dyPtr + b0 * rowsPerImage * co * 4, co, sumPtr, co, k, co, rows, b0 === lo ? GEMM_ZERO : GEMM_ACCUMULATE, 0, 0);
      }
    });
    for (let share = 1; share < parts; share++) addInto(heapF32(backend, dW), heapF32(backend, sums[share]));
    return dW;
  } catch (e) {
    release(backend, dW);
    throw e;
  } finally {
    for (const t of scratch) release(backend, t);
  }
}

/** sum[i] += part[i]: the shares' partial filter gradients added (K·Co values, ~18 k for the default CNN). */
export function addInto(sum: Float32Array, part: Float32Array): void {
  for (let i = 0; i < sum.length; i++) sum[i] += part[i];
}
