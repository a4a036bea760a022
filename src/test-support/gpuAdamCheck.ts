/**
 * The fused Adam's GPU kernels checked in a real browser (WebGL and WebGPU do not run under
 * Node): e2e/gpuKernels.dev.spec.ts imports this module from the development server into a
 * page and calls `checkFusedAdamOn`. Never part of the app.
 *
 * Reference: the cpu backend. The same seeded inputs go through ADAM_UPDATE on the GPU backend
 * and through tfjs-core's op chain on cpu; then FusedAdamOptimizer and tf.train.adam train the
 * same variables for a few steps on each backend.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgl';
import { ADAM_UPDATE, type AdamUpdateAttrs } from '../ml/backends/adamUpdateOp';
import { registerGpuTrainingKernels } from '../ml/backends/gpu/registerGpuTrainingKernels';
import { RELU_GRAD } from '../ml/backends/wasm/reluGrad';
import { FusedAdamOptimizer } from '../ml/model/fusedAdam';

const SHAPES = [[3, 3, 2, 4], [7], [5, 13], [1]];
const ATTRS: AdamUpdateAttrs = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, learningRate: 0.01, biasCorrection1: Math.fround(1 - 0.729), biasCorrection2: Math.fround(1 - 0.997003) };

export interface GpuAdamReport {
  backend: string;
  /** max |gpu − cpu| / max(1, max |cpu|) over the kernel's three outputs, per shape. */
  kernelError: number;
  /** After 5 steps of FusedAdamOptimizer on the GPU against tf.train.adam on cpu: weights, moments. */
  optimizerError: number;
  /** The same for tf.train.adam itself on the GPU (how far the GPU's own arithmetic goes). */
  stockOptimizerError: number;
  /** FusedAdamOptimizer against tf.train.adam, both on the GPU. */
  againstStockOnGpu: number;
  /** Per array (weights, then first and second moments). */
  optimizerErrors: number[];
  /** Kernel names one optimizer step dispatched. */
  stepKernels: string[];
  /** Programs compiled by steps 3–5 (the step count changes the uniforms only: 0 expected). */
  programsCompiledLater: number | null;
  /** Synchronous read-backs during steps 2–5 (0 expected). */
  syncReads: number;
  /** RELU_GRAD (dy where x > 0) against tfjs-core's mul(dy, step(x)) on cpu, [2, 13, 13, 8] with zeros in x. */
  reluGradError: number;
  /** tf.memory().numTensors after step 2 and after step 5. */
  tensors: [number, number];
}

function values(shape: number[], seed: number, scale = 1): Float32Array {
  return tf.tidy(() => tf.randomNormal(shape, 0, scale, 'float32', seed).dataSync() as Float32Array);
}

function relError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let diff = 0;
  let size = 1;
  for (let i = 0; i < want.length; i++) {
    diff = Math.max(diff, Math.abs(got[i] - want[i]));
    size = Math.max(size, Math.abs(want[i]));
  }
  return got.length === want.length ? diff / size : Infinity;
}

/** tfjs-core's AdamOptimizer chain for one variable, on whatever backend is active: [w', m', v']. */
function referenceUpdate(w: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, a: AdamUpdateAttrs): tf.Tensor[] {
  return tf.tidy(() => {
    const m1 = tf.add(tf.mul(m, a.beta1), tf.mul(g, 1 - a.beta1));
    const v1 = tf.add(tf.mul(v, a.beta2), tf.mul(tf.square(g), 1 - a.beta2));
    const w1 = tf.add(tf.mul(tf.div(tf.div(m1, a.biasCorrection1), tf.add(tf.sqrt(tf.div(v1, a.biasCorrection2)), a.epsilon)), -a.learningRate), w);
    return [w1, m1, v1];
  });
}

function kernelInputs(seed: number) {
  // v ≥ 0 as a second moment is.
  return SHAPES.map((shape, i) => ({ shape, w: values(shape, seed + i), g: values(shape, seed + 10 + i), m: values(shape, seed + 20 + i, 0.1), v: values(shape, seed + 30 + i, 0.1).map((x) => x * x) }));
}

/** Starting values and each step's gradients, made once on cpu (no read-back inside the steps). */
function trainingInputs(steps: number): { start: Float32Array[]; gradients: Float32Array[][] } {
  return { start: SHAPES.map((shape, i) => values(shape, 50 + i)), gradients: Array.from({ length: steps }, (_, step) => SHAPES.map((shape, i) => values(shape, 100 * step + i))) };
}

async function trainSteps(make: () => tf.Optimizer, data: ReturnType<typeof trainingInputs>, onStep?: (step: number) => void): Promise<Float32Array[]> {
  const vars = SHAPES.map((shape, i) => tf.variable(tf.tensor(data.start[i], shape), true, `gpuAdamCheck${i}_${Math.random()}`));
  const optimizer = make();
  try {
    data.gradients.forEach((gradients, step) => {
      onStep?.(step);
      tf.tidy(() => optimizer.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: tf.tensor(gradients[i], SHAPES[i]) }))));
    });
    onStep?.(data.gradients.length);
    const named = await optimizer.getWeights();
    const tensors = [...vars, ...named.filter((w) => w.name !== 'iter').map((w) => w.tensor)];
    const out = (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[];
    tf.dispose(named.filter((w) => w.name === 'iter').map((w) => w.tensor));
    return out;
  } finally {
    optimizer.dispose();
    tf.dispose(vars);
  }
}

export async function checkFusedAdamOn(backend: 'webgl' | 'webgpu'): Promise<GpuAdamReport> {
  registerGpuTrainingKernels();
  if (backend === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  await tf.setBackend('cpu');
  const inputs = kernelInputs(1);
  const want = inputs.map(({ shape, w, g, m, v }) => tf.tidy(() => referenceUpdate(...[w, g, m, v].map((x) => tf.tensor(x, shape)) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor], ATTRS).map((t) => t.dataSync() as Float32Array)));
  const training = trainingInputs(5);
  const reference = await trainSteps(() => tf.train.adam(0.01), training);
  const reluShape = [2, 13, 13, 8];
  const reluX = values(reluShape, 7).map((x, i) => (i % 5 === 0 ? 0 : x));
  const reluDy = values(reluShape, 8);
  const reluWant = tf.tidy(() => tf.mul(tf.tensor(reluDy, reluShape), tf.step(tf.tensor(reluX, reluShape))).dataSync() as Float32Array);

  if (!(await tf.setBackend(backend))) throw new Error(`${backend} did not start`);
  await tf.ready();
  // Read back with data(): WebGPU's synchronous read goes through a canvas and is not exact.
  let kernelError = 0;
  for (const [i, { shape, w, g, m, v }] of inputs.entries()) {
    const outs = tf.tidy(() => {
      const [value, gradient, m0, v0] = [w, g, m, v].map((x) => tf.tensor(x, shape));
      return tf.engine().runKernel(ADAM_UPDATE, { value, gradient, m: m0, v: v0 }, ATTRS) as tf.Tensor[];
    });
    const got = await Promise.all(outs.map((t) => t.data()));
    tf.dispose(outs);
    got.forEach((out, k) => (kernelError = Math.max(kernelError, relError(out, want[i][k]))));
  }

  const reluOut = tf.tidy(() => tf.engine().runKernel(RELU_GRAD, { dy: tf.tensor(reluDy, reluShape), x: tf.tensor(reluX, reluShape) }) as tf.Tensor);
  const reluGradError = relError(await reluOut.data(), reluWant);
  reluOut.dispose();

  const engine = tf.engine() as unknown as { runKernel: (name: string, ...rest: unknown[]) => unknown };
  const gpu = tf.backend() as unknown as { readSync: (id: object) => unknown; binaryCache?: object; pipelineCache?: object };
  const programs = () => {
    const cache = gpu.binaryCache ?? gpu.pipelineCache;
    return cache ? Object.keys(cache).length : null;
  };
  const runKernel = engine.runKernel;
  const readSync = gpu.readSync;
  const stepKernels: string[] = [];
  let syncReads = 0;
  let programsAtStep3: number | null = null;
  const tensors: [number, number] = [0, 0];
  const fused = await trainSteps(
    () => new FusedAdamOptimizer(0.01),
    training,
    (step) => {
      if (step === 1) {
        engine.runKernel = function (this: unknown, name: string, ...rest: unknown[]) {
          stepKernels.push(name);
          return runKernel.call(this, name, ...rest);
        };
        gpu.readSync = function (this: unknown, id: object) {
          syncReads++;
          return readSync.call(this, id);
        };
      }
      if (step === 2) {
        engine.runKernel = runKernel;
        tensors[0] = tf.memory().numTensors;
        programsAtStep3 = programs();
      }
      if (step === 5) {
        gpu.readSync = readSync;
        tensors[1] = tf.memory().numTensors;
      }
    },
  );
  const after = programs();
  const optimizerErrors = fused.map((got, i) => relError(got, reference[i]));
  const stock = await trainSteps(() => tf.train.adam(0.01), training);
  const stockOptimizerError = Math.max(...stock.map((got, i) => relError(got, reference[i])));
  await tf.setBackend('cpu');
  return {
    backend,
    kernelError,
    optimizerError: Math.max(...optimizerErrors),
    stockOptimizerError,
    optimizerErrors,
    againstStockOnGpu: Math.max(...fused.map((got, i) => relError(got, stock[i]))),
    stepKernels,
    programsCompiledLater: after === null || programsAtStep3 === null ? null : after - programsAtStep3,
    syncReads,
    reluGradError,
    tensors,
  };
}
