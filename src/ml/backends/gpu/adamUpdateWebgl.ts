/**
 * ADAM_UPDATE (../adamUpdateOp.ts) on WebGL: three fragment programs instead of tfjs-core's
 * fourteen element-wise kernels per variable (mul ×5, add ×4, div ×3, sqrt, square).
 *
 * A GPGPUProgram writes one texture, so the op runs three: m' from (m, g), v' from (v, g),
 * then w' from (w, m', v'). Each keeps tfjs-core's order of operations, so results differ from
 * its chain only where the GPU's own division or square root rounds differently. The scalars
 * are uniforms (customUniforms): the shader source depends only on the packing, so each
 * variable's shape compiles its three programs once, whatever the step, rate or β.
 *
 * Packed (vec4, four values per texel) like tfjs's own binary ops when
 * WEBGL_PACK_BINARY_OPERATIONS is on (the default), so the moments and weights stay packed
 * between steps and no pack/unpack program runs in between.
 */
import { env, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { ADAM_UPDATE, type AdamUpdateAttrs, adamUniforms, checkAdamShapes } from '../adamUpdateOp';

type Part = 'firstMoment' | 'secondMoment' | 'value';

/** Input names and the line that computes `result` from them (GLSL, float or vec4 alike). */
const PARTS: Record<Part, { inputs: string[]; uniforms: string[]; body: string }> = {
  // m' = m·β₁ + g·(1 − β₁)
  firstMoment: { inputs: ['M', 'G'], uniforms: ['beta1', 'oneMinusBeta1'], body: 'result = m * beta1 + g * oneMinusBeta1;' },
  // v' = v·β₂ + g²·(1 − β₂)
  secondMoment: { inputs: ['V', 'G'], uniforms: ['beta2', 'oneMinusBeta2'], body: 'result = v * beta2 + (g * g) * oneMinusBeta2;' },
  // w' = w + ((m'/c₁) / (√(v'/c₂) + ε))·(−lr); M and V here are the new moments.
  value: {
    inputs: ['W', 'M', 'V'],
    uniforms: ['biasCorrection1', 'biasCorrection2', 'epsilon', 'negLearningRate'],
    body: 'result = w + ((m / biasCorrection1) / (sqrt(v / biasCorrection2) + epsilon)) * negLearningRate;',
  },
};

/** One of the op's three programs over a tensor of `shape` (any rank tfjs supports). */
export class AdamWebglProgram implements GPGPUProgram {
  readonly variableNames: string[];
  readonly outputShape: number[];
  readonly userCode: string;
  readonly packedInputs: boolean;
  readonly packedOutput: boolean;
  readonly customUniforms: { name: string; type: 'float' }[];

  constructor(part: Part, shape: number[], packed: boolean) {
    const { inputs, uniforms, body } = PARTS[part];
    const type = packed ? 'vec4' : 'float';
    this.variableNames = inputs;
    this.outputShape = shape;
    this.packedInputs = packed;
    this.packedOutput = packed;
    this.customUniforms = uniforms.map((name) => ({ name, type: 'float' }));
    // getXAtOutCoords reads input X at this output's coordinates (all inputs share the shape).
    const reads = inputs.map((name) => `${type} ${name.toLowerCase()} = get${name}AtOutCoords();`).join('\n        ');
    this.userCode = `
      void main() {
        ${reads}
        ${type} result;
        ${body}
        setOutput(result);
      }
    `;
  }
}

interface Args {
  inputs: { value: TensorInfo; gradient: TensorInfo; m: TensorInfo; v: TensorInfo };
  backend: MathBackendWebGL;
  attrs: AdamUpdateAttrs;
}

/** Returns [w', m', v'] (new textures; the caller assigns them to its variables). */
export function adamUpdateWebgl({ inputs, backend, attrs }: Args): TensorInfo[] {
  const shape = checkAdamShapes(inputs);
  const packed = env().getBool('WEBGL_PACK_BINARY_OPERATIONS');
  const uniforms = adamUniforms(attrs);
  const asUniforms = (values: number[]) => values.map((x) => [x]);
  const m = backend.runWebGLProgram(new AdamWebglProgram('firstMoment', shape, packed), [inputs.m, inputs.gradient], 'float32', asUniforms(uniforms.firstMoment));
  const v = backend.runWebGLProgram(new AdamWebglProgram('secondMoment', shape, packed), [inputs.v, inputs.gradient], 'float32', asUniforms(uniforms.secondMoment));
  const w = backend.runWebGLProgram(new AdamWebglProgram('value', shape, packed), [inputs.value, m, v], 'float32', asUniforms(uniforms.value));
  return [w, m, v];
}

export const adamUpdateWebglConfig: KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: 'webgl',
  kernelFunc: adamUpdateWebgl as unknown as KernelFunc,
};
