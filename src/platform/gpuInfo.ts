/** What the browser says about the GPU behind tfjs's WebGL context. */
import * as tf from '@tensorflow/tfjs';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';

export interface GpuInfo {
  readonly renderer: string;
  readonly vendor: string;
  readonly webglVersion: number;
  /** SwiftShader, llvmpipe and the like: WebGL emulated on the CPU. */
  readonly software: boolean;
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERER.test(renderer);
}

let lastReading: GpuInfo | null = null;

/**
 * Reads the renderer of the context tfjs is using. When the backend is no longer WebGL
 * (e.g. auto-selection moved on to WASM) the last reading is returned, or null if WebGL
 * never started.
 */
export function readWebGlInfo(): GpuInfo | null {
  if (tf.getBackend() !== 'webgl') return lastReading;
  const gl = (tf.backend() as MathBackendWebGL).gpgpu.gl;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  const vendor = String(gl.getParameter(debug ? debug.UNMASKED_VENDOR_WEBGL : gl.VENDOR));
  lastReading = { renderer, vendor, webglVersion: tf.env().getNumber('WEBGL_VERSION'), software: isSoftwareRenderer(renderer) };
  return lastReading;
}
