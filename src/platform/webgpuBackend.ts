import { isSoftwareRenderer } from './gpuInfo';

interface AdapterLike {
  readonly info?: { vendor?: string; architecture?: string; device?: string; description?: string };
  readonly isFallbackAdapter?: boolean;
}

/** The last adapter's description ("google swiftshader …") and whether it emulates the GPU on the CPU. */
let adapterSoftware = false;

/** WebGPU is loaded only when asked for: it is a large module and most browsers lack it. */
export async function prepareWebGpu(): Promise<void> {
  if (!('gpu' in navigator) || !navigator.gpu) throw new Error('this browser has no WebGPU (navigator.gpu is missing).');
  const adapter = (await (navigator.gpu as { requestAdapter(): Promise<unknown> }).requestAdapter()) as AdapterLike | null;
  if (!adapter) throw new Error('no WebGPU adapter is available.');
  const info = adapter.info ?? {};
  adapterSoftware = adapter.isFallbackAdapter === true || isSoftwareRenderer([info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' '));
  await import('@tensorflow/tfjs-backend-webgpu');
}

/** The WebGPU adapter is a software one (SwiftShader, a fallback adapter): known once prepareWebGpu ran. */
export function isSoftwareWebGpu(): boolean {
  return adapterSoftware;
}
