/**
 * Noticing that the GPU under TensorFlow.js is gone, and making its backend startable again.
 * tfjs has no public hook for either (tensorflow/tfjs#756): we listen on the WebGL context's
 * canvas (an OffscreenCanvas in the engine's worker) and on the WebGPU device's `lost` promise.
 */
import * as tf from '@tensorflow/tfjs';
import { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import type { BackendName } from '../ml/backends/activateBackend';

type LossSource = { addEventListener(type: 'webglcontextlost', listener: (event: Event) => void): void; removeEventListener(type: 'webglcontextlost', listener: (event: Event) => void): void };

export function watchDeviceLoss(onLost: (reason: string) => void): () => void {
  const name = tf.getBackend();
  if (name === 'webgl') {
    const canvas = (tf.backend() as MathBackendWebGL).gpgpu.gl.canvas as unknown as LossSource;
    const listener = () => onLost('WebGL context lost');
    canvas.addEventListener('webglcontextlost', listener);
    return () => canvas.removeEventListener('webglcontextlost', listener);
  }
  if (name === 'webgpu') {
    let watching = true;
    const device = (tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string; reason?: string }> } }).device;
    void device?.lost?.then((info) => {
      if (watching && info.reason !== 'destroyed') onLost(`WebGPU device lost: ${info.message || info.reason || 'unknown reason'}`);
    });
    return () => {
      watching = false;
    };
  }
  return () => {};
}

/** Drops the lost backend and registers a fresh factory, so the next activation makes a new context. */
export function resetBackend(name: BackendName): void {
  if (name !== 'webgl') return;
  try {
    tf.removeBackend('webgl');
  } catch {
    // Already gone.
  }
  tf.registerBackend('webgl', () => new MathBackendWebGL(), 2);
}

/** Loses the active WebGL context the way a driver reset would; false on any other backend. */
export function loseDevice(): boolean {
  if (tf.getBackend() !== 'webgl') return false;
  const gl = (tf.backend() as MathBackendWebGL).gpgpu.gl;
  const extension = gl.getExtension('WEBGL_lose_context');
  if (!extension) return false;
  extension.loseContext();
  return true;
}
