/**
 * The fused Adam op that model/fusedAdam.ts dispatches, one call per variable, whichever
 * backend runs it (wasm: wasm/adamUpdate.ts; WebGL and WebGPU: gpu/adamUpdateWebgl.ts,
 * gpu/adamUpdateWebgpu.ts).
 *
 * Inputs (float32, one shape): value w, gradient g, first moment m, second moment v.
 * Attrs: beta1, beta2, epsilon, learningRate, and biasCorrection1/2 = 1 − β₁ᵗ, 1 − β₂ᵗ
 * (float32 values, as tfjs-core's `sub(1, accBeta)` gives them).
 * Outputs, in this order, each shaped like w:
 *   w' = w + ((m' / c₁) / (√(v' / c₂) + ε)) · (−lr)
 *   m' = m·β₁ + g·(1 − β₁)
 *   v' = v·β₂ + g²·(1 − β₂)
 * The scalars travel as attrs, never as tensors: a GPU kernel hands them to its shaders as
 * uniforms, so a step uploads nothing and no program depends on the step count.
 */
import type { NamedAttrMap } from '@tensorflow/tfjs';

export const ADAM_UPDATE = 'FashionPlaygroundAdamUpdate';

export interface AdamUpdateAttrs extends NamedAttrMap {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
  biasCorrection1: number;
  biasCorrection2: number;
}

/** The uniforms each GPU program of the op takes, in the order its shader declares them. */
export function adamUniforms(attrs: AdamUpdateAttrs): { firstMoment: number[]; secondMoment: number[]; value: number[] } {
  return {
    firstMoment: [attrs.beta1, 1 - attrs.beta1],
    secondMoment: [attrs.beta2, 1 - attrs.beta2],
    value: [attrs.biasCorrection1, attrs.biasCorrection2, attrs.epsilon, -attrs.learningRate],
  };
}

/** Throws unless every input has the value's shape (the op never broadcasts). */
export function checkAdamShapes(inputs: Record<'value' | 'gradient' | 'm' | 'v', { shape: readonly number[] }>): number[] {
  const shape = inputs.value.shape.join();
  for (const t of [inputs.gradient, inputs.m, inputs.v]) {
    if (t.shape.join() !== shape) throw new Error(`${ADAM_UPDATE}: shapes differ ([${inputs.value.shape}] and [${t.shape}])`);
  }
  return [...inputs.value.shape];
}
