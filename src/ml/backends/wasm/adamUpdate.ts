/**
 * One Adam step for one variable on the wasm backend, in a single SIMD pass.
 *
 * tfjs-core's AdamOptimizer updates each variable with a dozen element-wise operations (four
 * scalar multiplies, square, two divides, sqrt, three adds), each a separate pass with its own
 * engine bookkeeping: for the default CNN's 225,034 parameters in 8 variables, ~100 kernel calls
 * and ~3 ms a step on wasm (Node, one thread). The SIMD kernel (simd/kernels.wat) reads value,
 * gradient and both moments once and writes the three results.
 *
 * The op (inputs, attrs, outputs [w', m', v']) is defined in ../adamUpdateOp.ts. Here
 *   w' = w + (−lr) · (m' / c₁) / (√(v' / c₂) + ε)
 *      = w + (−lr / c₁) · m' / (√v' · (1 / √c₂) + ε)      one divide and one square root each
 * in float32, within a few roundings of tfjs-core's op chain (its order differs).
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { ADAM_UPDATE, type AdamUpdateAttrs, checkAdamShapes } from '../adamUpdateOp';
import { pointerOf, simdKernels } from './simd/simdKernels';
import { allocF32, type BackendWasm, heapF32, release } from './wasmBackendAccess';

export { ADAM_UPDATE, type AdamUpdateAttrs };

interface Args {
  inputs: { value: TensorInfo; gradient: TensorInfo; m: TensorInfo; v: TensorInfo };
  backend: BackendWasm;
  attrs: AdamUpdateAttrs;
}

export function adamUpdateWasm({ inputs, backend, attrs }: Args): TensorInfo[] {
  const { value, gradient, m, v } = inputs;
  checkAdamShapes(inputs);
  const simd = simdKernels(backend);
  if (simd == null) throw new Error(`${ADAM_UPDATE} needs WebAssembly SIMD`);
  const outs = [allocF32(backend, [...value.shape]), allocF32(backend, [...value.shape]), allocF32(backend, [...value.shape])];
  try {
    for (const t of [value, gradient, m, v]) heapF32(backend, t); // dtype checks
    const count = heapF32(backend, outs[0]).length;
    const [w, g, m0, v0, wOut, mOut, vOut] = [value, gradient, m, v, ...outs].map((t) => pointerOf(backend, t));
    const stepSize = -attrs.learningRate / attrs.biasCorrection1;
    const rootScale = 1 / Math.sqrt(attrs.biasCorrection2);
    simd.adam(w, g, m0, v0, wOut, mOut, vOut, count, attrs.beta1, attrs.beta2, attrs.epsilon, stepSize, rootScale);
    return outs;
  } catch (e) {
    for (const o of outs) release(backend, o);
    throw e;
  }
}

export const adamUpdateConfig: KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: 'wasm',
  kernelFunc: adamUpdateWasm as unknown as KernelFunc,
};
