/**
 * ADAM_UPDATE (../adamUpdateOp.ts) on WebGPU: three compute pipelines (m', v', then w' from
 * the new moments) instead of tfjs-core's fourteen element-wise kernels per variable, each
 * keeping tfjs-core's order of operations. The scalars are uniforms appended to the
 * program's uniform buffer (programDefinedUniform), so the WGSL source, and with it the
 * pipeline cache key, never depends on the step, the rate or β.
 *
 * This module does not import '@tensorflow/tfjs-backend-webgpu' (the app loads it only when
 * WebGPU is chosen): the program is the plain object runWebGPUProgram expects, with a flat
 * dispatch of one invocation per value (workgroups of 64), as tfjs's element-wise programs.
 */
import type { DataType, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { ADAM_UPDATE, type AdamUpdateAttrs, adamUniforms, checkAdamShapes } from '../adamUpdateOp';

type Part = 'firstMoment' | 'secondMoment' | 'value';

const PARTS: Record<Part, { inputs: string[]; uniforms: string[]; body: string }> = {
  firstMoment: { inputs: ['M', 'G'], uniforms: ['beta1', 'oneMinusBeta1'], body: 'm * uniforms.beta1 + g * uniforms.oneMinusBeta1' },
  secondMoment: { inputs: ['V', 'G'], uniforms: ['beta2', 'oneMinusBeta2'], body: 'v * uniforms.beta2 + (g * g) * uniforms.oneMinusBeta2' },
  value: {
    inputs: ['W', 'M', 'V'],
    uniforms: ['biasCorrection1', 'biasCorrection2', 'epsilon', 'negLearningRate'],
    body: 'w + ((m / uniforms.biasCorrection1) / (sqrt(v / uniforms.biasCorrection2) + uniforms.epsilon)) * uniforms.negLearningRate',
  },
};

const WORKGROUP = 64;

/** The fields of tfjs-backend-webgpu's WebGPUProgram this program sets. */
export class AdamWebgpuProgram {
  readonly variableNames: string[];
  readonly outputShape: number[];
  readonly shaderKey: string;
  readonly uniforms: string;
  readonly size = true;
  readonly workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  readonly dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  private readonly body: string;

  constructor(part: Part, shape: number[]) {
    const { inputs, uniforms, body } = PARTS[part];
    this.variableNames = inputs;
    this.outputShape = shape;
    this.shaderKey = `fashionPlaygroundAdam_${part}`;
    this.uniforms = uniforms.map((name) => `${name} : f32,`).join(' ');
    this.dispatchLayout = { x: shape.map((_, i) => i) };
    this.dispatch = [Math.ceil(shape.reduce((a, b) => a * b, 1) / WORKGROUP), 1, 1];
    // getXByOutputIndex reads input X at this output's flat index (all inputs share the shape).
    const reads = inputs.map((name) => `let ${name.toLowerCase()} = get${name}ByOutputIndex(index);`).join('\n          ');
    this.body = `
      fn main(index : i32) {
        if (index < uniforms.size) {
          ${reads}
          setOutputAtIndex(index, ${body});
        }
      }
    `;
  }

  getUserCode(): string {
    return this.body;
  }
}

interface WebGpuBackendLike {
  runWebGPUProgram(program: AdamWebgpuProgram, inputs: TensorInfo[], dtype: DataType, uniforms?: { type: string; data: number[] }[]): TensorInfo;
}

interface Args {
  inputs: { value: TensorInfo; gradient: TensorInfo; m: TensorInfo; v: TensorInfo };
  backend: WebGpuBackendLike;
  attrs: AdamUpdateAttrs;
}

/** Returns [w', m', v'] (new buffers; the caller assigns them to its variables). */
export function adamUpdateWebgpu({ inputs, backend, attrs }: Args): TensorInfo[] {
  const shape = checkAdamShapes(inputs);
  const uniforms = adamUniforms(attrs);
  const asUniforms = (values: number[]) => values.map((x) => ({ type: 'float32', data: [x] }));
  const m = backend.runWebGPUProgram(new AdamWebgpuProgram('firstMoment', shape), [inputs.m, inputs.gradient], 'float32', asUniforms(uniforms.firstMoment));
  const v = backend.runWebGPUProgram(new AdamWebgpuProgram('secondMoment', shape), [inputs.v, inputs.gradient], 'float32', asUniforms(uniforms.secondMoment));
  const w = backend.runWebGPUProgram(new AdamWebgpuProgram('value', shape), [inputs.value, m, v], 'float32', asUniforms(uniforms.value));
  return [w, m, v];
}

export const adamUpdateWebgpuConfig: KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: 'webgpu',
  kernelFunc: adamUpdateWebgpu as unknown as KernelFunc,
};
