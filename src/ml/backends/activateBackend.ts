/**
 * Chooses and initialises the tfjs backend. WebGL is the default; if it cannot start
 * (no WebGL, blocked driver) the next backend that can train is used and the reason kept,
 * so the UI can say why. Which backend *actually* runs is whatever tf.getBackend() says.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgl';
import type { BackendChoice } from '../config/runConfig';
import { registerGpuTrainingKernels } from './gpu/registerGpuTrainingKernels';
import { followActiveBackend } from './wasm/split/twoThreads';

export type BackendName = 'webgl' | 'webgpu' | 'wasm' | 'cpu';

export interface BackendStatus {
  readonly requested: BackendChoice;
  readonly active: BackendName;
  /** Why the active backend differs from the requested one, or null. */
  readonly fallbackReason: string | null;
}

/** Hooks for backends that need platform setup (WASM binaries' URLs, extra kernels). */
export interface BackendPlatform {
  prepareWasm?(): Promise<void>;
  prepareWebGpu?(): Promise<void>;
  /** The active WebGL context is emulated on the CPU (SwiftShader, llvmpipe…). */
  isSoftwareWebGl?(): boolean;
  /** The WebGPU adapter emulates the GPU on the CPU (known once WebGPU was prepared). */
  isSoftwareWebGpu?(): boolean;
  /** How the active WASM backend runs (SIMD, threads), for the UI. */
  describeWasm?(): Promise<string>;
  /**
   * Calls `onLost` when the active backend's GPU context or device is lost (WebGL context loss,
   * WebGPU device loss); returns a function that stops watching.
   */
  watchDeviceLoss?(onLost: (reason: string) => void): () => void;
  /** Makes a lost backend startable again (a fresh context on the next activation). */
  resetBackend?(name: BackendName): void;
  /**
   * Loses the active GPU context on purpose, as a driver reset would (WebGL's
   * WEBGL_lose_context): how the tests check that a lost GPU breaks nothing. False where the
   * active backend has no GPU context to lose.
   */
  loseDevice?(): boolean;
}

// tfjs refuses a WebGL context with a "major performance caveat" (software rendering such
// as SwiftShader) and silently falls back to CPU. We want WebGL whenever the user asks
// for it, and decide about software renderers ourselves (and tell the user).
tf.env().set('SOFTWARE_WEBGL_ENABLED', true);

export async function tryBackend(name: BackendName, platform: BackendPlatform): Promise<string | null> {
  try {
    if (name === 'wasm') await platform.prepareWasm?.();
    if (name === 'webgl' || name === 'webgpu') registerGpuTrainingKernels();
    if (name === 'webgpu') {
      if (!platform.prepareWebGpu) return 'WebGPU support is not bundled in this build.';
      await platform.prepareWebGpu();
    }
    if (!tf.findBackendFactory(name)) return `the ${name} backend is not registered.`;
    const ok = await tf.setBackend(name);
    await tf.ready();
    if (!ok || tf.getBackend() !== name) return `${name} could not be initialised in this browser.`;
    followActiveBackend();
    return null;
  } catch (error) {
    return `${name} failed to start: ${(error as Error).message}`;
  }
}

/**
 * The fastest backend that starts: WebGL on a real GPU; where WebGL is missing or
 * software-rendered, WebAssembly, which trains the default CNN far faster than emulated
 * WebGL (see bench/results.md); then software WebGL; then the plain CPU backend.
 * `failed`: the backend the user asked for, which could not start (skipped here).
 */
async function activateBest(requested: BackendChoice, platform: BackendPlatform, failed?: { name: BackendName; reason: string }): Promise<BackendStatus> {
  const notes: string[] = failed ? [failed.reason] : [];
  const because = (...more: string[]) => [...notes, ...more].join(' ');
  let webglStarted = false;
  if (failed?.name !== 'webgl') {
    const webglFailure = await tryBackend('webgl', platform);
    webglStarted = webglFailure === null;
    if (webglStarted && !platform.isSoftwareWebGl?.()) return { requested, active: 'webgl', fallbackReason: failed ? because('Using webgl instead.') : null };
    notes.push(webglFailure ?? 'WebGL is software-rendered here (no usable GPU).');
  }
  if (failed?.name !== 'wasm' && (await tryBackend('wasm', platform)) === null) {
    return { requested, active: 'wasm', fallbackReason: because(webglStarted || !failed ? 'WebAssembly trains faster on this machine, so it is used.' : 'Using wasm instead.') };
  }
  if (webglStarted && (await tryBackend('webgl', platform)) === null) {
    return { requested, active: 'webgl', fallbackReason: because(failed?.name === 'wasm' ? 'Using software WebGL instead.' : 'WebAssembly could not start either, so software WebGL is used.') };
  }
  if (failed?.name !== 'cpu' && (await tryBackend('cpu', platform)) === null) return { requested, active: 'cpu', fallbackReason: because('Using the plain CPU backend.') };
  throw new Error(`No TensorFlow.js backend could start (${because()}).`);
}

export async function activateBackend(requested: BackendChoice, platform: BackendPlatform = {}): Promise<BackendStatus> {
  if (requested === 'auto') return activateBest(requested, platform);
  const failure = await tryBackend(requested, platform);
  if (failure === null) return { requested, active: requested, fallbackReason: null };
  // Same preference as the automatic choice: e.g. ?backend=webgpu without WebGPU on a
  // machine whose WebGL is software-rendered gets WebAssembly (~950 ex/s), not software WebGL (~38).
  return activateBest(requested, platform, { name: requested, reason: failure });
}
