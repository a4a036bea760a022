/**
 * Our training kernels for the GPU backends (WebGL, WebGPU): the fused Adam update
 * (ADAM_UPDATE, one kernel per variable instead of fourteen; see model/fusedAdam.ts) and
 * ReLU's gradient (RELU_GRAD, one kernel instead of Step, Cast and Multiply; reluGradGpu.ts).
 * Registering by backend name needs neither backend loaded, so this is called before a GPU
 * backend starts (activateBackend.ts) and may be called any number of times.
 */
import { getKernel, type KernelConfig, registerKernel } from '@tensorflow/tfjs';
import { installReluGradient } from '../wasm/reluGrad';
import { adamUpdateWebglConfig } from './adamUpdateWebgl';
import { adamUpdateWebgpuConfig } from './adamUpdateWebgpu';
import { reluGradWebglConfig, reluGradWebgpuConfig } from './reluGradGpu';

const GPU_TRAINING_KERNELS: readonly KernelConfig[] = [adamUpdateWebglConfig, adamUpdateWebgpuConfig, reluGradWebglConfig, reluGradWebgpuConfig];

/** Registers the kernels not registered yet; returns "kernel/backend" for each. */
export function registerGpuTrainingKernels(): string[] {
  // Relu's gradient, replaced for every backend, takes RELU_GRAD where the backend has it.
  installReluGradient();
  for (const config of GPU_TRAINING_KERNELS) {
    if (getKernel(config.kernelName, config.backendName) == null) registerKernel(config);
  }
  return GPU_TRAINING_KERNELS.map((c) => `${c.kernelName}/${c.backendName}`);
}

