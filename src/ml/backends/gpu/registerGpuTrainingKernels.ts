/**
 * Our training kernels for the GPU backends (WebGL, WebGPU): today the fused Adam update
 * (ADAM_UPDATE, one kernel per variable instead of fourteen; see model/fusedAdam.ts).
 * Registering by backend name needs neither backend loaded, so this is called before a GPU
 * backend starts (activateBackend.ts) and may be called any number of times.
 */
import { getKernel, type KernelConfig, registerKernel } from '@tensorflow/tfjs';
import { adamUpdateWebglConfig } from './adamUpdateWebgl';
import { adamUpdateWebgpuConfig } from './adamUpdateWebgpu';

const GPU_TRAINING_KERNELS: readonly KernelConfig[] = [adamUpdateWebglConfig, adamUpdateWebgpuConfig];

/** Registers the kernels not registered yet; returns "kernel/backend" for each. */
export function registerGpuTrainingKernels(): string[] {
  for (const config of GPU_TRAINING_KERNELS) {
    if (getKernel(config.kernelName, config.backendName) == null) registerKernel(config);
  }
  return GPU_TRAINING_KERNELS.map((c) => `${c.kernelName}/${c.backendName}`);
}
