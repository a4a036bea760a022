/**
 * The benchmark's GPU counters, counted in the engine on its loaded data: what one training step
 * of the default CNN asks of the backend, through our training loop (trainModel, as the app
 * trains) or through stock TensorFlow.js (the same network as plain tf.layers, tf.train.adam,
 * model.fit). Each is measured on a fresh page (compiled programs are cached per context).
 *
 * Three runs on fresh models: one step (what the first batch compiles, and how long it takes),
 * then n1 and n2 steps; per step = (run n2 − run n1) / (n2 − n1), so that whatever a run costs
 * regardless of its length (keeping the images on the device, model.fit's set-up) cancels out.
 */
import * as tf from '@tensorflow/tfjs';
import { labelsTensor, imagesTensor, range } from '../ml/data/batches';
import type { FashionMnistData } from '../ml/data/dataset';
import { BackendCounters, difference, perStep, type StepCounts } from '../ml/backends/stepCounters';
import { buildModel, createOptimizer } from '../ml/model/build';
import { SIMPLE_CNN } from '../ml/model/spec';
import { trainModel } from '../ml/training/trainer';
import type { BenchCountersOptions, BenchCountersResult } from '../protocol/bench';
import type { ShaderWarmup } from './shaderWarmup';

const BATCH = 64;

/** The default CNN as a tutorial writes it: stock layers, stock Adam, model.fit. */
function stockModel(): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 128, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['acc'] });
  return model;
}

async function runOurs(data: FashionMnistData, steps: number): Promise<void> {
  const model = buildModel(SIMPLE_CNN);
  const optimizer = createOptimizer('adam', 0.001);
  try {
    await trainModel(
      model,
      optimizer,
      { images: data.train.images, labels: data.train.labels, available: () => data.train.availableCount },
      { epochs: 1, batchSize: BATCH, validationSplit: 0, trainSize: steps * BATCH, seed: 1 },
      {},
    );
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}

async function runFit(data: FashionMnistData, steps: number): Promise<void> {
  const model = stockModel();
  const indices = range(0, steps * BATCH);
  const xs = imagesTensor(data.train.images, indices, 'unit'); // stock model.fit: the tutorial's 0–1 pixels
  const ys = labelsTensor(data.train.labels, indices);
  try {
    await model.fit(xs, ys, { batchSize: BATCH, epochs: 1, shuffle: true, verbose: 0 });
  } finally {
    tf.dispose([xs, ys]);
    model.dispose();
  }
}

export async function benchCounters(data: FashionMnistData, options: BenchCountersOptions, shaderWarmup?: ShaderWarmup): Promise<BenchCountersResult> {
  const run = options.loop === 'ours' ? runOurs : runFit;
  // What the warm-up compiled counts as "before training"; its step must not be counted as ours.
  const warmup = (await shaderWarmup?.whenDone()) ?? null;
  const [n1, n2] = options.steps;
  const counters = new BackendCounters();
  try {
    const atStart = counters.snapshot();
    const started = performance.now();
    await run(data, 1);
    const firstStepMs = performance.now() - started;
    const afterFirst = counters.snapshot();
    await run(data, n1);
    const afterN1 = counters.snapshot();
    await run(data, n2);
    const afterN2 = counters.snapshot();
    const runN1 = difference(afterFirst, afterN1);
    const runN2 = difference(afterN1, afterN2);
    const step = perStep(runN1, n1, runN2, n2);
    const fixed = Object.fromEntries(Object.entries(runN1).map(([k, v]) => [k, v - n1 * step[k as keyof StepCounts]])) as unknown as StepCounts;
    const compiled = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
    return {
      backend: tf.getBackend(),
      loop: options.loop,
      programsBeforeTraining: atStart.programs,
      programsCompiledByFirstStep: compiled(atStart.programs, afterFirst.programs),
      programsCompiledAfterFirstStep: compiled(afterFirst.programs, afterN2.programs),
      firstStep: difference(atStart, afterFirst),
      firstStepMs,
      perStep: step,
      perRun: fixed,
      steps: [n1, n2],
      warmup: warmup && { programs: warmup.programsAfter - warmup.programsBefore, ms: warmup.ms, error: warmup.error },
    };
  } finally {
    counters.uninstall();
  }
}
