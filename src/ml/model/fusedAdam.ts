/**
 * Adam as tfjs-core defines it, updating each variable with one fused kernel where the backend
 * has one (wasm: see backends/wasm/adamUpdate.ts), and with tfjs-core's own op chain elsewhere.
 *
 * It is an AdamOptimizer: the same moments (accumulatedFirstMoment / accumulatedSecondMoment,
 * named `<variable>/m` and `/v`), the same β₁ᵗ, β₂ᵗ variables (accBeta1/2, which checkpoints
 * save), the same getWeights / setWeights, and results within a few float32 roundings of tfjs-core's,
 * so a checkpoint taken on one backend resumes on another.
 */
import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE, type AdamUpdateAttrs, adamUpdateAvailable } from '../backends/wasm/adamUpdate';

/** The AdamOptimizer fields tfjs-core declares private (plain properties at run time). */
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: (OptimizerVariable | undefined)[];
  accumulatedSecondMoment: (OptimizerVariable | undefined)[];
}

interface OptimizerVariable {
  originalName: string;
  variable: tf.Variable;
}

type Gradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon?: number) {
    super(learningRate, beta1, beta2, epsilon as number);
  }

  override applyGradients(variableGradients: Gradients): void {
    // Checked at every step: the backend can change between runs (a lost GPU).
    if (!adamUpdateAvailable()) {
      super.applyGradients(variableGradients);
      return;
    }
    const state = this as unknown as AdamState;
    const list = Array.isArray(variableGradients)
      ? variableGradients.map((g) => ({ name: g.name, tensor: g.tensor }))
      : Object.keys(variableGradients).map((name) => ({ name, tensor: variableGradients[name] as tf.Tensor | undefined }));
    // tfjs-core computes 1 − β·ᵗ as float32 tensors from the variables; these are the same values.
    const attrs: AdamUpdateAttrs = {
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      learningRate: this.learningRate,
      biasCorrection1: Math.fround(1 - state.accBeta1.dataSync()[0]),
      biasCorrection2: Math.fround(1 - state.accBeta2.dataSync()[0]),
    };
    tf.tidy(() => {
      list.forEach(({ name, tensor: gradient }, i) => {
        const value = tf.engine().registeredVariables[name];
        state.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        state.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        if (gradient == null) return;
        const m = state.accumulatedFirstMoment[i]!.variable;
        const v = state.accumulatedSecondMoment[i]!.variable;
        const [newValue, newM, newV] = tf.engine().runKernel(ADAM_UPDATE, { value, gradient, m, v }, attrs) as tf.Tensor[];
        m.assign(newM);
        v.assign(newV);
        value.assign(newValue);
      });
      state.accBeta1.assign(tf.mul(state.accBeta1, this.beta1));
      state.accBeta2.assign(tf.mul(state.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }
}
