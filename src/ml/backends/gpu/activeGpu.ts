/** Which GPU backend is really active, and whether it runs one of our kernels. */
import { engine, getBackend, getKernel } from '@tensorflow/tfjs';

/**
 * The active backend is WebGL or WebGPU, really (it can run programs: not a stand-in under
 * that name, as tests use), with `kernelName` registered for it.
 */
export function activeGpuHasKernel(kernelName: string): boolean {
  const name = getBackend();
  if (name !== 'webgl' && name !== 'webgpu') return false;
  const backend = engine().backend as unknown as Record<string, unknown>;
  const runs = name === 'webgl' ? backend.runWebGLProgram : backend.runWebGPUProgram;
  return typeof runs === 'function' && getKernel(kernelName, name) != null;
}
