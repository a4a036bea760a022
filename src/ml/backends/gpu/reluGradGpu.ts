/**
 * RELU_GRAD (wasm/reluGrad.ts) on WebGL and WebGPU: dx = x > 0 ? dy : 0 in one program, instead
 * of tfjs-core's mul(dy, cast(step(x))), three kernels (Step, Cast, Multiply) with two
 * intermediate tensors as large as the layer's output. The default CNN takes it three times a
 * step (both ReLU convolutions' gradients, model/convBiasRelu.ts, and the Dense ReLU's).
 *
 * dy, x, dx: float32, one shape; x is the ReLU's input or output (> 0 at the same places).
 * Where x is NaN the result is 0, as on wasm (tfjs-core's gives NaN; the loss is NaN by then).
 */
import { env, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { RELU_GRAD } from '../wasm/reluGrad';

/** WebGL: packed (vec4) like tfjs's binary ops when WEBGL_PACK_BINARY_OPERATIONS is on. */
export class ReluGradWebglProgram implements GPGPUProgram {
  readonly variableNames = ['DY', 'X'];
  readonly outputShape: number[];
  readonly userCode: string;
  readonly packedInputs: boolean;
  readonly packedOutput: boolean;

  constructor(shape: number[], packed: boolean) {
    this.outputShape = shape;
    this.packedInputs = packed;
    this.packedOutput = packed;
    // step(x) as a 0/1 mask: x > 0 is false for NaN.
    this.userCode = packed
      ? `void main() { setOutput(getDYAtOutCoords() * vec4(greaterThan(getXAtOutCoords(), vec4(0.0)))); }`
      : `void main() { setOutput(getXAtOutCoords() > 0.0 ? getDYAtOutCoords() : 0.0); }`;
  }
}

/** WebGPU: one invocation per value (flat dispatch, workgroups of 64). */
export class ReluGradWebgpuProgram {
  readonly variableNames = ['DY', 'X'];
  readonly outputShape: number[];
  readonly shaderKey = 'fashionPlaygroundReluGrad';
  readonly size = true;
  readonly workgroupSize: [number, number, number] = [64, 1, 1];
  readonly dispatchLayout: { x: number[] };
  dispatch: [number, number, number];

  constructor(shape: number[]) {
    this.outputShape = shape;
    this.dispatchLayout = { x: shape.map((_, i) => i) };
    this.dispatch = [Math.ceil(shape.reduce((a, b) => a * b, 1) / 64), 1, 1];
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let x = getXByOutputIndex(index);
          setOutputAtIndex(index, select(0.0, getDYByOutputIndex(index), x > 0.0));
        }
      }
    `;
  }
}

interface Args {
  inputs: { dy: TensorInfo; x: TensorInfo };
  backend: unknown;
}

function checkShapes({ dy, x }: Args['inputs']): number[] {
  if (dy.shape.join() !== x.shape.join()) throw new Error(`${RELU_GRAD}: dy [${dy.shape}] and x [${x.shape}] differ`);
  return [...x.shape];
}

export function reluGradWebgl({ inputs, backend }: Args): TensorInfo {
  const program = new ReluGradWebglProgram(checkShapes(inputs), env().getBool('WEBGL_PACK_BINARY_OPERATIONS'));
  return (backend as MathBackendWebGL).runWebGLProgram(program, [inputs.dy, inputs.x], 'float32');
}

export function reluGradWebgpu({ inputs, backend }: Args): TensorInfo {
  const run = backend as { runWebGPUProgram(p: ReluGradWebgpuProgram, inputs: TensorInfo[], dtype: 'float32'): TensorInfo };
  return run.runWebGPUProgram(new ReluGradWebgpuProgram(checkShapes(inputs)), [inputs.dy, inputs.x], 'float32');
}

export const reluGradWebglConfig: KernelConfig = { kernelName: RELU_GRAD, backendName: 'webgl', kernelFunc: reluGradWebgl as unknown as KernelFunc };
export const reluGradWebgpuConfig: KernelConfig = { kernelName: RELU_GRAD, backendName: 'webgpu', kernelFunc: reluGradWebgpu as unknown as KernelFunc };
