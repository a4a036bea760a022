/**
 * Adam as tfjs-core defines it, updating each variable with one fused kernel where the backend
 * has one (ADAM_UPDATE, backends/adamUpdateOp.ts: wasm with SIMD, WebGL, WebGPU), and with
 * tfjs-core's own op chain elsewhere (cpu, wasm without SIMD).
 *
 * It is an AdamOptimizer: the same moments (accumulatedFirstMoment / accumulatedSecondMoment,
 * named `<variable>/m` and `/v`), the same β₁ᵗ, β₂ᵗ variables (accBeta1/2, which checkpoints
 * save), the same getWeights / setWeights, and results within a few float32 roundings of tfjs-core's,
 * so a checkpoint taken on one backend resumes on another.
 *
 * The kernel takes the bias corrections 1 − βᵗ as numbers (GPU uniforms), never as tensors,
 * and reading the accBeta variables back at every step would stall the GPU: β₁ᵗ and β₂ᵗ are
 * mirrored in JavaScript, multiplied in float32 as the variables are. A mirror is trusted only
 * while the variable still holds the tensor we assigned (its dataId); after an assignment from
 * outside (setWeights, a checkpoint) it is read again, asynchronously where we can
 * (setWeights, `readPowers`), else once synchronously.
 */
import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE, type AdamUpdateAttrs } from '../backends/adamUpdateOp';
import { activeGpuHasKernel } from '../backends/gpu/activeGpu';
import { activeBackendHasSimd } from '../backends/wasm/simd/simdKernels';

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

/** β₁ᵗ, β₂ᵗ as float32 numbers, and the tensors (dataIds) they were read from or written to. */
interface Powers {
  values: [number, number];
  ids: [object, object];
}

/** True when the active backend takes ADAM_UPDATE: WebGL, WebGPU, wasm with the SIMD kernels. */
export function fusedAdamAvailable(): boolean {
  return activeBackendHasSimd() || activeGpuHasKernel(ADAM_UPDATE);
}

/** tfjs's Optimizer answers `instanceof` by duck typing (any optimizer passes), hence this test. */
export function isFusedAdam(optimizer: tf.Optimizer): optimizer is FusedAdamOptimizer {
  return typeof (optimizer as Partial<FusedAdamOptimizer>).readPowers === 'function';
}

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  private powers: Powers | null;

  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon?: number) {
    super(learningRate, beta1, beta2, epsilon as number);
    // tfjs-core starts the variables at β (float32).
    this.powers = { values: [Math.fround(beta1), Math.fround(beta2)], ids: this.dataIds() };
  }

  /** Reads β₁ᵗ, β₂ᵗ from the variables (after they were set from outside), without blocking. */
  async readPowers(): Promise<void> {
    const state = this as unknown as AdamState;
    const [b1, b2] = await Promise.all([state.accBeta1.data(), state.accBeta2.data()]);
    this.powers = { values: [b1[0], b2[0]], ids: this.dataIds() };
  }

  override async setWeights(weightValues: Parameters<tf.AdamOptimizer['setWeights']>[0]): Promise<void> {
    await super.setWeights(weightValues);
    await this.readPowers();
  }

  override applyGradients(variableGradients: Gradients): void {
    // Checked at every step: the backend can change between runs (a lost GPU).
    if (!fusedAdamAvailable()) {
      const before = this.currentPowers(false);
      super.applyGradients(variableGradients);
      this.advancePowers(before);
      return;
    }
    const state = this as unknown as AdamState;
    const list = Array.isArray(variableGradients)
      ? variableGradients.map((g) => ({ name: g.name, tensor: g.tensor }))
      : Object.keys(variableGradients).map((name) => ({ name, tensor: variableGradients[name] as tf.Tensor | undefined }));
    const powers = this.currentPowers(true)!;
    // tfjs-core computes 1 − βᵗ as float32 tensors from the variables; these are the same values.
    const attrs: AdamUpdateAttrs = {
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      learningRate: this.learningRate,
      biasCorrection1: Math.fround(1 - powers[0]),
      biasCorrection2: Math.fround(1 - powers[1]),
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
    this.advancePowers(powers);
    this.incrementIterations();
  }

  private dataIds(): [object, object] {
    const state = this as unknown as AdamState;
    return [state.accBeta1.dataId, state.accBeta2.dataId];
  }

  /** β₁ᵗ, β₂ᵗ as the variables hold them now; null when unknown and `mustKnow` is false. */
  private currentPowers(mustKnow: boolean): [number, number] | null {
    const ids = this.dataIds();
    if (this.powers && this.powers.ids[0] === ids[0] && this.powers.ids[1] === ids[1]) return this.powers.values;
    if (!mustKnow) return null;
    // Set from outside without readPowers(): one synchronous read, then mirrored again.
    const state = this as unknown as AdamState;
    this.powers = { values: [state.accBeta1.dataSync()[0], state.accBeta2.dataSync()[0]], ids };
    return this.powers.values;
  }

  /** After a step: βᵗ⁺¹ = βᵗ·β in float32, as tf.mul computed it for the variables. */
  private advancePowers(before: [number, number] | null): void {
    this.powers = before
      ? { values: [Math.fround(before[0] * Math.fround(this.beta1)), Math.fround(before[1] * Math.fround(this.beta2))], ids: this.dataIds() }
      : null;
  }
}
