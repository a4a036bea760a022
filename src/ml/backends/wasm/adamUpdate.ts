/**
 * One Adam step for one variable on the wasm backend, in a single SIMD pass.
 *
 * tfjs-core's AdamOptimizer updates each variable with a dozen element-wise operations (four
 * scalar multiplies, square, two divides, sqrt, three adds), each a separate pass with its own
 * engine bookkeeping: for the default CNN's 225,034 parameters in 8 variables, ~100 kernel calls
 * and ~3 ms a step on wasm (Node, one thread). The SIMD kernel (simd/kernels.wat) reads value,
 * gradient and both moments once and writes the three results.
 *
 * Inputs (float32, one shape): value w, gradient g, first moment m, second moment v.
 * Attrs: beta1, beta2, epsilon, learningRate, and biasCorrection1/2 = 1 − β₁ᵗ, 1 − β₂ᵗ.
 * Outputs, in order, each shaped like w:
 *   m' = m·β₁ + g·(1 − β₁)
 *   v' = v·β₂ + g²·(1 − β₂)
 *   w' = w + (−lr) · (m' / c₁) / (√(v' / c₂) + ε)
 *      = w + (−lr / c₁) · m' / (√v' · (1 / √c₂) + ε)      one divide and one square root each
 * in float32, within a few roundings of tfjs-core's op chain (its order differs).
 */
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { activeBackendHasSimd, pointerOf, simdKernels } from './simd/simdKernels';
import { allocF32, type BackendWasm, heapF32, release } from './wasmBackendAccess';

export const ADAM_UPDATE = 'FashionPlaygroundAdamUpdate';

export interface AdamUpdateAttrs extends NamedAttrMap {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
  biasCorrection1: number;
  biasCorrection2: number;
}

interface Args {
  inputs: { value: TensorInfo; gradient: TensorInfo; m: TensorInfo; v: TensorInfo };
  backend: BackendWasm;
  attrs: AdamUpdateAttrs;
}

/** True when the active backend can take ADAM_UPDATE (wasm with the SIMD kernels). */
export const adamUpdateAvailable = activeBackendHasSimd;

export function adamUpdateWasm({ inputs, backend, attrs }: Args): TensorInfo[] {
  const { value, gradient, m, v } = inputs;
  const shape = value.shape.join();
  for (const t of [gradient, m, v]) {
    if (t.shape.join() !== shape) throw new Error(`${ADAM_UPDATE}: shapes differ ([${value.shape}] and [${t.shape}])`);
  }
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
