/**
 * Tile for the wasm backend: a wrapper with a fast path for repeating a whole block, which is
 * how the batch-normalisation gradient broadcasts its per-channel factor (tfjs-core tiles
 * rsqrt(variance) [1, 1, 1, C] by [N, H, W, 1] to the input's full size).
 *
 * The built-in kernel is a scalar loop over every output element with index arithmetic: for
 * the Fast CNN's first batch norm (128×26×26×32 = 2.8 M values) it took a large share of the
 * step. When the input's leading axes all have size 1 and only they are repeated, the output
 * is the input's data repeated end to end: copied by doubling with copyWithin (memcpy).
 *
 * Inputs:  x [1, …, 1, rest…] (any 4-byte dtype);  attrs: reps (one per axis).
 * Output:  [reps[0], …, reps[k-1], rest…]: x repeated reps[0]·…·reps[k-1] times.
 * Any other tiling goes to the built-in kernel.
 */
import { type KernelConfig, type KernelFunc, Tile, type TileAttrs, type TensorInfo, util } from '@tensorflow/tfjs';
import { wrapsBuiltin } from './builtinKernel';
import type { BackendWasm } from './wasmBackendAccess';

interface Args {
  inputs: { x: TensorInfo };
  backend: BackendWasm;
  attrs: TileAttrs;
}

const builtin = wrapsBuiltin({ kernelName: Tile, backendName: 'wasm', kernelFunc: tileWasm as unknown as KernelFunc });


/** How many times x's whole data repeats in the output, or null if the tiling is not a block repeat. */
export function blockRepeats(shape: number[], reps: number[]): number | null {
  if (reps.length !== shape.length) return null;
  let i = 0;
  let times = 1;
  while (i < shape.length && shape[i] === 1) times *= reps[i++];
  for (; i < shape.length; i++) if (reps[i] !== 1) return null;
  return times;
}

export function tileWasm(args: Args): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  const reps = [...attrs.reps];
  const times = x.dtype === 'float32' || x.dtype === 'int32' ? blockRepeats(x.shape, reps) : null;
  if (times === null) return builtin.call(args);
  const out = backend.makeOutput(x.shape.map((d, i) => d * reps[i]), x.dtype);
  const block = util.sizeFromShape(x.shape);
  if (block === 0 || times === 0) return out;
  // Views after the allocation (it may grow the heap and detach earlier views).
  const values = backend.typedArrayFromHeap(x) as Float32Array | Int32Array;
  const target = backend.typedArrayFromHeap(out) as Float32Array | Int32Array;
  target.set(values);
  for (let filled = block, total = block * times; filled < total; filled *= 2) {
    target.copyWithin(filled, 0, Math.min(filled, total - filled));
  }
  return out;
}

export const tileConfig: KernelConfig = builtin.wrapperConfig();
