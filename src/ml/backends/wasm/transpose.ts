/**
 * Transpose for the wasm backend: a wrapper with a SIMD path for swapping the two axes of a
 * matrix whose sides are multiples of 4 (simd/kernels.wat: 4×4 blocks transposed in
 * registers). Training transposes whole activations: the first convolution's filter gradient
 * transposes dy [N·26·26, 32] (1.4 M values at batch 64), and every Dense layer's gradient
 * matmuls transpose an operand (batchMatMul.ts). The built-in kernel moves one value at a
 * time; any other transpose goes to it.
 *
 * Inputs:  x [rows, cols] float32 (or any rank-2 4-byte dtype on the built-in path);
 * attrs: perm. Output: [cols, rows].
 */
import { type KernelConfig, type KernelFunc, type TensorInfo, Transpose, type TransposeAttrs } from '@tensorflow/tfjs';
import { wrapsBuiltin } from './builtinKernel';
import { pointerOf, simdKernels } from './simd/simdKernels';
import { allocF32, type BackendWasm, heapF32 } from './wasmBackendAccess';

interface Args {
  inputs: { x: TensorInfo };
  backend: BackendWasm;
  attrs: TransposeAttrs;
}

const builtin = wrapsBuiltin({ kernelName: Transpose, backendName: 'wasm', kernelFunc: transposeWasm as unknown as KernelFunc });


export function transposeWasm(args: Args): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  const [rows, cols] = x.shape;
  const swap = x.dtype === 'float32' && x.shape.length === 2 && attrs.perm[0] === 1 && attrs.perm[1] === 0 && rows % 4 === 0 && cols % 4 === 0 && rows > 0 && cols > 0;
  const simd = swap ? simdKernels(backend) : null;
  if (simd == null) return builtin.call(args);
  const out = allocF32(backend, [cols, rows]);
  heapF32(backend, x); // dtype check
  simd.transpose(pointerOf(backend, x), pointerOf(backend, out), rows, cols);
  return out;
}

export const transposeConfig: KernelConfig = builtin.wrapperConfig();
