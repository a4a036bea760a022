/**
 * The gradient of Relu on the wasm backend in one SIMD pass.
 *
 * tfjs-core's gradient is mul(dy, cast(step(x))): two passes on wasm, Step and Multiply, over a
 * tensor as large as the layer's output (64×26×26×32 floats for the default CNN's first
 * convolution: ~2.7 ms a step in Node). The SIMD kernel (simd/kernels.wat) masks dy by x > 0:
 *
 *   dx[i] = x[i] > 0 ? dy[i] : 0        dy, x, dx: float32, one shape; x is Relu's input
 *
 * One difference from tfjs-core: where x is NaN, step(x) is NaN and so is its gradient; here it
 * is 0. The forward pass has already turned the loss NaN by then, which is what the divergence
 * check watches.
 *
 * `installReluGradient()` replaces Relu's registered gradient for every backend; wasm with the
 * SIMD kernels, WebGL and WebGPU (gpu/reluGradGpu.ts) take this kernel for float32, everything
 * else calls tfjs-core's.
 */
import { cast, engine, type KernelConfig, type KernelFunc, mul, Relu, step, type Tensor, type TensorInfo } from '@tensorflow/tfjs';
import { activeGpuHasKernel } from '../gpu/activeGpu';
import { replaceGradient } from './replaceGradient';
import { activeBackendHasSimd, pointerOf, simdKernels } from './simd/simdKernels';
import { allocF32, type BackendWasm, heapF32, release } from './wasmBackendAccess';

export const RELU_GRAD = 'FashionPlaygroundReluGrad';

interface Args {
  inputs: { dy: TensorInfo; x: TensorInfo };
  backend: BackendWasm;
}

export function reluGradWasm({ inputs, backend }: Args): TensorInfo {
  const { dy, x } = inputs;
  if (dy.shape.join() !== x.shape.join()) throw new Error(`${RELU_GRAD}: dy [${dy.shape}] and x [${x.shape}] differ`);
  const simd = simdKernels(backend);
  if (simd == null) throw new Error(`${RELU_GRAD} needs WebAssembly SIMD`);
  const out = allocF32(backend, [...x.shape]);
  try {
    const count = heapF32(backend, out).length;
    heapF32(backend, dy); // dtype checks
    heapF32(backend, x);
    simd.reluGrad(pointerOf(backend, dy), pointerOf(backend, x), pointerOf(backend, out), count);
    return out;
  } catch (e) {
    release(backend, out);
    throw e;
  }
}

export const reluGradConfig: KernelConfig = {
  kernelName: RELU_GRAD,
  backendName: 'wasm',
  kernelFunc: reluGradWasm as unknown as KernelFunc,
};

/** The active backend runs RELU_GRAD: wasm with SIMD, or a GPU backend with it registered. */
function backendTakesReluGrad(): boolean {
  return activeBackendHasSimd() || activeGpuHasKernel(RELU_GRAD);
}

function takesSimdPath(dy: Tensor, x: Tensor): boolean {
  return x.dtype === 'float32' && dy.dtype === 'float32' && dy.shape.join() === x.shape.join() && backendTakesReluGrad();
}

/**
 * The gradient through a ReLU on any backend: dy where x > 0, else 0. `x` may be the ReLU's
 * input or its output (both are > 0 at the same places). One kernel on wasm (SIMD), WebGL and
 * WebGPU, tfjs-core's mul(dy, step(x)) elsewhere.
 */
export function reluBackward(dy: Tensor, x: Tensor): Tensor {
  if (takesSimdPath(dy, x)) return engine().runKernel(RELU_GRAD, { dy, x }) as Tensor;
  return mul(dy, cast(step(x), 'float32'));
}

export function installReluGradient(): void {
  replaceGradient(Relu, (original) => ({
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved;
      const dyTensor = dy as Tensor;
      if (!takesSimdPath(dyTensor, x)) return original.gradFunc(dy, saved, attrs);
      return { x: () => engine().runKernel(RELU_GRAD, { dy: dyTensor, x }) as Tensor };
    },
  }));
}
