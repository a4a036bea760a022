/**
 * Add for the wasm backend: a wrapper with a SIMD path for adding a per-channel vector, which
 * is how every Conv2D and Dense layer adds its bias (x [..., C] + b [C]). The built-in kernel
 * computes broadcast indices for every value (1.5 ms for the default CNN's first convolution,
 * 64×26×26×32, in Node); simd/kernels.wat's scaleShift adds b row by row, four channels at a
 * time. Any other addition goes to the built-in kernel.
 */
import { Add, type KernelConfig, type KernelFunc, type TensorInfo, util } from '@tensorflow/tfjs';
import { wrapsBuiltin } from './builtinKernel';
import { channelSimd, scaleShiftSimd } from './simd/channelOps';
import { allocF32, type BackendWasm, heapF32 } from './wasmBackendAccess';

interface Args {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: BackendWasm;
}

const builtin = wrapsBuiltin({ kernelName: Add, backendName: 'wasm', kernelFunc: addWasm as unknown as KernelFunc });


export function addWasm(args: Args): TensorInfo {
  const { a, b } = args.inputs;
  const { backend } = args;
  // x [..., C] + v [C], in either order.
  const [x, v] = b.shape.length === 1 && a.shape.length > 1 ? [a, b] : a.shape.length === 1 && b.shape.length > 1 ? [b, a] : [null, null];
  const channels = v?.shape[0] ?? 0;
  const simd =
    x != null && v != null && x.dtype === 'float32' && v.dtype === 'float32' && x.shape[x.shape.length - 1] === channels
      ? channelSimd(backend, channels)
      : null;
  if (simd == null || x == null || v == null) return builtin.call(args);
  const out = allocF32(backend, [...x.shape]);
  const bias = heapF32(backend, v).slice();
  scaleShiftSimd(backend, simd, x, out, util.sizeFromShape(x.shape) / channels, channels, new Float32Array(channels).fill(1), bias);
  return out;
}

export const addConfig: KernelConfig = builtin.wrapperConfig();
