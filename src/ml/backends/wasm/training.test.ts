/**
 * End to end: a small CNN trains on wasm with each optimizer, its first-step
 * gradients match the cpu backend, and no tensors or wasm buffers leak.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from './registerWasmTrainingKernels';
import { expectClose, randomArray, switchBackend, wasmBackend } from './testUtils';

const INPUT: [number, number, number] = [16, 16, 1];
const BATCH = 16;
/** Gradient tolerance, relative to max(1, max|cpu gradient|) per variable. */
const GRAD_TOL = 1e-4;

// Conv2D 8 3x3 relu -> MaxPool 2 -> Conv2D 16 3x3 -> AvgPool 2 -> BatchNorm
// -> Dropout 0.25 -> Flatten -> Dense 10 softmax. Dropout is seeded so that
// both backends draw the same mask.
function buildModel(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: INPUT, filters: 8, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same' }),
      tf.layers.averagePooling2d({ poolSize: 2 }),
      tf.layers.batchNormalization(),
      tf.layers.dropout({ rate: 0.25, seed: 7 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

const OPTIMIZERS: Record<string, () => tf.Optimizer> = {
  adam: () => tf.train.adam(0.01),
  sgdMomentum: () => tf.train.momentum(0.02, 0.9),
  rmsprop: () => tf.train.rmsprop(0.005),
  adagrad: () => tf.train.adagrad(0.05),
};

let xs: Float32Array = new Float32Array(0);
const labels = Array.from({ length: BATCH }, (_, i) => (i * 7) % 10);
let initialWeights: { values: Float32Array; shape: number[] }[] = [];

function data(): { x: tf.Tensor; y: tf.Tensor } {
  return { x: tf.tensor(xs, [BATCH, ...INPUT]), y: tf.oneHot(tf.tensor1d(labels, 'int32'), 10) };
}

function lossOf(model: tf.Sequential, x: tf.Tensor, y: tf.Tensor): tf.Scalar {
  const probs = model.apply(x, { training: true }) as tf.Tensor;
  return tf.metrics.categoricalCrossentropy(y, probs).mean() as tf.Scalar;
}

/** A model on the current backend with the shared initial weights. */
function freshModel(): tf.Sequential {
  const model = buildModel();
  model.setWeights(initialWeights.map((w) => tf.tensor(w.values, w.shape)));
  return model;
}

/** First-step gradients in trainableWeights order, as arrays. */
function firstGradients(): Float32Array[] {
  const model = freshModel();
  const { x, y } = data();
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { grads } = tf.variableGrads(() => lossOf(model, x, y), vars);
  const out = vars.map((v) => grads[v.name].dataSync() as Float32Array);
  tf.dispose([x, y, ...Object.values(grads)]);
  model.dispose();
  return out;
}

describe('small CNN training on wasm', () => {
  beforeAll(async () => {
    await switchBackend('cpu');
    xs = randomArray([BATCH, ...INPUT], 1);
    const model = buildModel();
    initialWeights = model.getWeights().map((w) => ({ values: new Float32Array(w.dataSync()), shape: w.shape }));
    model.dispose();
    // Register after the wasm backend is initialised: must work in this order too.
    await tf.setBackend('wasm');
    await tf.ready();
    registerWasmTrainingKernels();
  });

  it('first-step gradients match the cpu backend', async () => {
    await switchBackend('cpu');
    const ref = firstGradients();
    await switchBackend('wasm');
    const got = firstGradients();
    expect(got.length).toBe(ref.length);
    got.forEach((g, i) => expectClose(g, ref[i], GRAD_TOL, `variable ${i}`));
  });

  it.each(Object.keys(OPTIMIZERS))('loss decreases with %s and memory stays flat', async (name) => {
    await switchBackend('wasm');
    const backend = wasmBackend();
    const model = freshModel();
    const { x, y } = data();
    const optimizer = OPTIMIZERS[name]();
    const losses: number[] = [];
    let tensorsAfterFirstSteps = 0;
    let buffersAfterFirstSteps = 0;
    const steps = 12;
    for (let step = 0; step < steps; step++) {
      const loss = optimizer.minimize(() => lossOf(model, x, y), true);
      losses.push(loss!.dataSync()[0]);
      loss!.dispose();
      if (step === 1) {
        // Optimizer slots exist from the first step on.
        tensorsAfterFirstSteps = tf.memory().numTensors;
        buffersAfterFirstSteps = backend.numDataIds();
      }
    }
    expect(tf.memory().numTensors).toBe(tensorsAfterFirstSteps);
    expect(backend.numDataIds()).toBe(buffersAfterFirstSteps);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[steps - 1]).toBeLessThan(0.8 * losses[0]);
    optimizer.dispose();
    model.dispose();
    tf.dispose([x, y]);
  });
});
