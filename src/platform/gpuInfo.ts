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

/** Reads the renderer of the context tfjs is using; null when the backend is not WebGL. */
export function readWebGlInfo(): GpuInfo | null {
  if (tf.getBackend() !== 'webgl') return null;
  const gl = (tf.backend() as MathBackendWebGL).gpgpu.gl;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  const vendor = String(gl.getParameter(debug ? debug.UNMASKED_VENDOR_WEBGL : gl.VENDOR));
  return { renderer, vendor, webglVersion: tf.env().getNumber('WEBGL_VERSION'), software: isSoftwareRenderer(renderer) };
}
