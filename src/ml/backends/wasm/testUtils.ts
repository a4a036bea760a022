/**
 * Test helpers for the wasm training kernels (used only by *.test.ts files).
 *
 * Reference results come from the cpu backend: inputs are generated once as
 * plain arrays, the same computation runs on 'cpu' and on 'wasm', and results
 * are compared with `expectClose`, whose tolerance is relative to the
 * reference's magnitude: max|got - ref| <= tol * max(1, max|ref|).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { expect } from 'vitest';
import { registerWasmTrainingKernels } from './registerWasmTrainingKernels';
import { setSimdKernelsEnabled } from './simd/simdKernels';
import { crossEntropy } from '../../training/trainStep';
import type { BackendWasm } from './wasmBackendAccess';

/** Default kernel tolerance, relative to max(1, max|ref|). */
export const KERNEL_TOL = 1e-5;

export async function switchBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (name === 'wasm') registerWasmTrainingKernels();
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`could not initialise the ${name} backend`);
  await tf.ready();
}

export function wasmBackend(): BackendWasm {
  if (tf.getBackend() !== 'wasm') throw new Error('wasm backend is not active');
  return tf.backend() as unknown as BackendWasm;
}

/** Seeded standard-normal values as a flat array (backend independent). */
export function randomArray(shape: number[], seed: number): Float32Array {
  return tf.tidy(() => tf.randomNormal(shape, 0, 1, 'float32', seed).dataSync() as Float32Array);
}

/** Runs `fn` on the given backend and returns its result's values. */
export async function runOn(backend: 'cpu' | 'wasm', fn: () => tf.Tensor): Promise<Float32Array> {
  await switchBackend(backend);
  return tf.tidy(() => fn().dataSync() as Float32Array);
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
  }
  return m;
}

/** Asserts max|got - ref| <= tol * max(1, max|ref|). */
export function expectClose(got: ArrayLike<number>, ref: ArrayLike<number>, tol = KERNEL_TOL, label = ''): void {
  const diff = maxAbsDiff(got, ref);
  const bound = tol * Math.max(1, maxAbs(ref));
  expect(diff, `${label} max|diff| ${diff} > ${bound}`).toBeLessThanOrEqual(bound);
}

/** Runs `check` with the SIMD kernels on, then off (the JavaScript paths), restoring them. */
export async function withAndWithoutSimd(check: (path: string) => Promise<void>): Promise<void> {
  await check('SIMD');
  setSimdKernelsEnabled(false);
  try {
    await check('JavaScript');
  } finally {
    setSimdKernelsEnabled(true);
  }
}

/**
 * The cross-entropy gradients of every trainable weight of `model` in training mode on the
 * batch x [b,28,28,1] with one-hot labels y [b,10], flattened in the model's weight order.
 * Disposes every tensor it makes and the model; x and y stay the caller's.
 */
export function flatGradients(model: tf.LayersModel, x: tf.Tensor4D, y: tf.Tensor2D): Float32Array {
  const { value, grads } = tf.variableGrads(() => crossEntropy(y, model.apply(x, { training: true }) as tf.Tensor2D));
  const flat = tf.concat(model.trainableWeights.map((w) => grads[(w.read() as tf.Variable).name].flatten()));
  const out = flat.dataSync() as Float32Array;
  tf.dispose([value, ...Object.values(grads), flat]);
  model.dispose();
  return out;
}
