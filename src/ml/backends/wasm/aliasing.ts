/**
 * Identity and same-dtype Cast for the wasm backend without copying: the output shares the
 * input's memory (reference counted), as the cpu backend and the wasm backend's own Reshape
 * already do.
 *
 * The built-in kernels copy. That matters in training: the engine keeps a clone (Identity)
 * of every tensor a gradient needs, and the ReLU gradient casts float32 to float32, so the
 * default CNN copied ~8 MB per step (~3.4 ms of a ~90 ms step in Node, one thread, for
 * Identity alone). Sharing is safe because no kernel writes into its inputs: every kernel
 * allocates its output.
 *
 * Inputs:  x (any shape);  Cast attrs: dtype.
 * Output:  same dataId, shape and dtype (Identity, and Cast to x's own dtype); a Cast to
 *          another dtype, and string tensors, go to the built-in kernels.
 */
import { Cast, type CastAttrs, Identity, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { wrapsBuiltin } from './builtinKernel';
import type { BackendWasm } from './wasmBackendAccess';

interface Args {
  inputs: { x: TensorInfo };
  backend: BackendWasm;
  attrs?: Partial<CastAttrs>;
}

function alias(backend: BackendWasm, x: TensorInfo): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

const builtinIdentity = wrapsBuiltin({ kernelName: Identity, backendName: 'wasm', kernelFunc: identityWasm as unknown as KernelFunc });
const builtinCast = wrapsBuiltin({ kernelName: Cast, backendName: 'wasm', kernelFunc: castWasm as unknown as KernelFunc });


export function identityWasm(args: Args): TensorInfo {
  return args.inputs.x.dtype === 'string' ? builtinIdentity.call(args) : alias(args.backend, args.inputs.x);
}

export function castWasm(args: Args): TensorInfo {
  const { x } = args.inputs;
  return x.dtype !== 'string' && args.attrs?.dtype === x.dtype ? alias(args.backend, x) : builtinCast.call(args);
}

export const identityConfig: KernelConfig = { kernelName: Identity, backendName: 'wasm', kernelFunc: identityWasm as unknown as KernelFunc };
export const castConfig: KernelConfig = { kernelName: Cast, backendName: 'wasm', kernelFunc: castWasm as unknown as KernelFunc };
