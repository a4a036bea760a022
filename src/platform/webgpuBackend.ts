/** WebGPU is loaded only when asked for: it is a large module and most browsers lack it. */
export async function prepareWebGpu(): Promise<void> {
  if (!('gpu' in navigator) || !navigator.gpu) throw new Error('this browser has no WebGPU (navigator.gpu is missing).');
  const adapter = await (navigator.gpu as { requestAdapter(): Promise<unknown> }).requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter is available.');
  await import('@tensorflow/tfjs-backend-webgpu');
}
