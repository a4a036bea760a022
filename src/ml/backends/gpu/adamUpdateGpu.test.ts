/**
 * The GPU kernels' pure parts under Node (WebGL and WebGPU run in e2e/gpuKernels.dev.spec.ts):
 * the programs' sources and uniforms, and the kernels driven through fake backends that record
 * what they would run.
 */
import { describe, expect, it } from 'vitest';
import { env, type TensorInfo } from '@tensorflow/tfjs';
import { ADAM_UPDATE, type AdamUpdateAttrs, adamUniforms } from '../adamUpdateOp';
import { AdamWebglProgram, adamUpdateWebgl } from './adamUpdateWebgl';
import { AdamWebgpuProgram, adamUpdateWebgpu } from './adamUpdateWebgpu';
import { registerGpuTrainingKernels } from './registerGpuTrainingKernels';
import { RELU_GRAD } from '../wasm/reluGrad';
import { ReluGradWebglProgram, ReluGradWebgpuProgram } from './reluGradGpu';

const attrs = (step: number, learningRate = 0.001): AdamUpdateAttrs => ({
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  learningRate,
  biasCorrection1: Math.fround(1 - 0.9 ** step),
  biasCorrection2: Math.fround(1 - 0.999 ** step),
});

const info = (shape: number[], id: string): TensorInfo => ({ dataId: { id }, shape, dtype: 'float32' });
const inputs = (shape: number[]) => ({ value: info(shape, 'w'), gradient: info(shape, 'g'), m: info(shape, 'm'), v: info(shape, 'v') });

describe('the fused Adam GPU programs', () => {
  it('passes every scalar as a uniform: the source is the same at every step, rate and β', () => {
    for (const part of ['firstMoment', 'secondMoment', 'value'] as const) {
      const webgl = new AdamWebglProgram(part, [3, 3, 1, 32], true);
      expect(webgl.userCode).toBe(new AdamWebglProgram(part, [3, 3, 1, 32], true).userCode);
      expect(webgl.userCode).not.toMatch(/\d\.\d/); // no literal constant baked in
      for (const u of webgl.customUniforms) expect(webgl.userCode).toContain(u.name);
      const webgpu = new AdamWebgpuProgram(part, [128]);
      expect(webgpu.getUserCode()).not.toMatch(/\d\.\d/);
      expect(webgpu.shaderKey).toBe(`fashionPlaygroundAdam_${part}`);
      for (const name of webgpu.uniforms.split(',').map((s) => s.split(':')[0].trim()).filter(Boolean)) expect(webgpu.getUserCode()).toContain(`uniforms.${name}`);
    }
  });

  it('keeps tfjs-core order of operations (m·β₁ + g·(1−β₁); v·β₂ + g²·(1−β₂); w + ((m/c₁)/(√(v/c₂)+ε))·(−lr))', () => {
    expect(new AdamWebglProgram('firstMoment', [4], false).userCode).toContain('result = m * beta1 + g * oneMinusBeta1;');
    expect(new AdamWebglProgram('secondMoment', [4], false).userCode).toContain('result = v * beta2 + (g * g) * oneMinusBeta2;');
    expect(new AdamWebglProgram('value', [4], false).userCode).toContain('((m / biasCorrection1) / (sqrt(v / biasCorrection2) + epsilon)) * negLearningRate');
    expect(new AdamWebglProgram('value', [4], true).userCode).toContain('vec4 w = getWAtOutCoords();');
    expect(new AdamWebglProgram('value', [4], false).userCode).toContain('float w = getWAtOutCoords();');
  });

  it('gives the uniforms in the order the shaders declare them', () => {
    const u = adamUniforms(attrs(3, 0.01));
    expect(u.firstMoment).toEqual([0.9, 1 - 0.9]);
    expect(u.secondMoment).toEqual([0.999, 1 - 0.999]);
    expect(u.value).toEqual([Math.fround(1 - 0.729), Math.fround(1 - 0.999 ** 3), 1e-7, -0.01]);
    expect(new AdamWebglProgram('value', [4], true).customUniforms.map((c) => c.name)).toEqual(['biasCorrection1', 'biasCorrection2', 'epsilon', 'negLearningRate']);
  });

  it('runs three WebGL programs per call, m′ and v′ feeding w′, returning [w′, m′, v′]', () => {
    // Set, not evaluated: evaluating it under Node would look for a WebGL context.
    env().set('WEBGL_PACK_BINARY_OPERATIONS', true);
    const runs: { names: string[]; inputs: unknown[]; uniforms: number[][] }[] = [];
    const backend = {
      runWebGLProgram: (program: AdamWebglProgram, ins: TensorInfo[], _dtype: string, uniforms: number[][]) => {
        runs.push({ names: program.variableNames, inputs: ins.map((t) => t.dataId), uniforms });
        return info(program.outputShape, `out${runs.length}`);
      },
    };
    const outs = adamUpdateWebgl({ inputs: inputs([2, 5]), backend: backend as never, attrs: attrs(1) });
    expect(runs.map((r) => r.names)).toEqual([['M', 'G'], ['V', 'G'], ['W', 'M', 'V']]);
    expect(runs[2].inputs).toEqual([{ id: 'w' }, { id: 'out1' }, { id: 'out2' }]);
    expect(runs[2].uniforms).toEqual(adamUniforms(attrs(1)).value.map((x) => [x]));
    expect(outs.map((o) => (o.dataId as { id: string }).id)).toEqual(['out3', 'out1', 'out2']);
  });

  it('runs three WebGPU pipelines per call with float32 uniforms, one invocation per value', () => {
    const runs: { program: AdamWebgpuProgram; uniforms: { type: string; data: number[] }[] }[] = [];
    const backend = {
      runWebGPUProgram: (program: AdamWebgpuProgram, _ins: TensorInfo[], _dtype: string, uniforms: { type: string; data: number[] }[]) => {
        runs.push({ program, uniforms });
        return info(program.outputShape, `out${runs.length}`);
      },
    };
    const outs = adamUpdateWebgpu({ inputs: inputs([1000]), backend, attrs: attrs(2) });
    expect(runs.map((r) => r.program.variableNames)).toEqual([['M', 'G'], ['V', 'G'], ['W', 'M', 'V']]);
    expect(runs[0].program.dispatch).toEqual([16, 1, 1]);
    expect(runs[1].uniforms).toEqual([{ type: 'float32', data: [0.999] }, { type: 'float32', data: [1 - 0.999] }]);
    expect(outs).toHaveLength(3);
  });

  it('refuses inputs of different shapes', () => {
    const bad = { ...inputs([4]), m: info([5], 'm') };
    expect(() => adamUpdateWebgpu({ inputs: bad, backend: { runWebGPUProgram: () => info([4], 'x') }, attrs: attrs(1) })).toThrow(/shapes differ/);
  });

  it('registers the ops for webgl and webgpu, idempotently', () => {
    const names = [`${ADAM_UPDATE}/webgl`, `${ADAM_UPDATE}/webgpu`, `${RELU_GRAD}/webgl`, `${RELU_GRAD}/webgpu`];
    expect(registerGpuTrainingKernels()).toEqual(names);
    expect(registerGpuTrainingKernels()).toEqual(names);
  });
});

describe('the ReLU gradient GPU programs', () => {
  it('mask dy by x > 0 in one program, packed or not, and as one WebGPU pipeline', () => {
    expect(new ReluGradWebglProgram([4, 8], true).userCode).toContain('getDYAtOutCoords() * vec4(greaterThan(getXAtOutCoords(), vec4(0.0)))');
    expect(new ReluGradWebglProgram([4, 8], false).userCode).toContain('getXAtOutCoords() > 0.0 ? getDYAtOutCoords() : 0.0');
    const webgpu = new ReluGradWebgpuProgram([64, 26, 26, 32]);
    expect(webgpu.dispatch).toEqual([Math.ceil((64 * 26 * 26 * 32) / 64), 1, 1]);
    expect(webgpu.getUserCode()).toContain('select(0.0, getDYByOutputIndex(index), x > 0.0)');
  });
});
