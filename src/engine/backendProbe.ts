/**
 * The automatic backend's probe: a few real training steps of the chosen network (its layers,
 * optimizer and batch size; random images, since only the speed counts and the data may still
 * be loading) on each backend the device offers, within about 2 s in all; then the choice
 * (ml/backends/probeChoice.ts) becomes the active backend.
 *
 * WebAssembly goes first: it always runs, and a software-rendered GPU backend is never chosen
 * over it, so such a backend is not even stepped (its first batch compiles shaders on the CPU
 * for many seconds). A GPU backend's steps compile its programs: the probe doubles as the
 * warm-up that compiles them while the data loads, so the first real batch finds them ready.
 */
import * as tf from '@tensorflow/tfjs';
import { tryBackend, type BackendName, type BackendPlatform } from '../ml/backends/activateBackend';
import { chooseByProbe, type BackendProbe, type ProbeMeasurement } from '../ml/backends/probeChoice';
import { analyzeModel } from '../ml/model/analyze';
import { buildModel, createOptimizer } from '../ml/model/build';
import { estimateResources } from '../ml/model/resourceBudget';
import type { ModelSpec } from '../ml/model/spec';
import { kernelVariables, trainStep } from '../ml/training/trainStep';

export const PROBE_BUDGET_MS = 2000;
const MIN_TIMED_STEPS = 2;
const MAX_TIMED_STEPS = 6;

/** Training FLOPs per example of `spec` (0 when its shapes are unknown). */
export function trainingFlops(spec: ModelSpec): number {
  const analysis = analyzeModel(spec);
  return estimateResources(analysis, spec, { backend: 'wasm', batchSize: 64, softwareWebGl: false })?.trainingFlopsPerExample ?? 0;
}

/** Steps `spec` on the active backend until `budgetMs` is spent (after one untimed step): median images/s. */
async function stepRate(spec: ModelSpec, batchSize: number, budgetMs: number): Promise<number> {
  const model = buildModel(spec, { seed: 1 });
  const optimizer = createOptimizer(spec.optimizer, spec.learningRate);
  const images = new Uint8Array(batchSize * 784).map((_, i) => (i * 2654435761) >>> 24);
  const labels = new Uint8Array(batchSize).map((_, i) => i % 10);
  const indices = Int32Array.from({ length: batchSize }, (_, i) => i);
  const setup = { resident: null, model, optimizer, variables: model.trainableWeights.map((w) => w.read() as tf.Variable), kernels: kernelVariables(model), l2: spec.l2, inputScaling: spec.inputScaling, augmentation: undefined, augmentationRng: () => 0.5 };
  const step = async () => {
    const metrics = trainStep(setup, images, labels, indices);
    await metrics.data();
    metrics.dispose();
  };
  try {
    const started = performance.now();
    await step(); // compiles (GPU) and warms up; not timed
    const times: number[] = [];
    while (times.length < MIN_TIMED_STEPS || (times.length < MAX_TIMED_STEPS && performance.now() - started < budgetMs)) {
      const t = performance.now();
      await step();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return batchSize / (times[Math.floor(times.length / 2)] / 1000);
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}

/** Probes WASM, WebGPU and WebGL, leaves the chosen one active; null chosen: none measured (the caller falls back). */
export async function probeBackends(
  spec: ModelSpec,
  batchSize: number,
  platform: BackendPlatform,
  budgetMs = PROBE_BUDGET_MS,
  /** Images/s of `spec` on the active backend within `budgetMs` (tests replace it). */
  measure: (spec: ModelSpec, batchSize: number, budgetMs: number) => Promise<number> = stepRate,
): Promise<BackendProbe> {
  const started = performance.now();
  const order: BackendName[] = ['wasm', 'webgpu', 'webgl'];
  const measurements: ProbeMeasurement[] = [];
  const wasmMeasured = () => measurements.some((m) => m.backend === 'wasm' && m.examplesPerSec !== null);
  for (const [i, backend] of order.entries()) {
    const failure = await tryBackend(backend, platform);
    if (failure !== null) {
      measurements.push({ backend, examplesPerSec: null, software: false, note: 'not offered here' });
      continue;
    }
    const software = backend === 'webgl' ? (platform.isSoftwareWebGl?.() ?? false) : backend === 'webgpu' ? (platform.isSoftwareWebGpu?.() ?? false) : false;
    if (software && wasmMeasured()) {
      measurements.push({ backend, examplesPerSec: null, software, note: 'software-rendered, not measured' });
      continue;
    }
    const left = Math.max(0, budgetMs - (performance.now() - started));
    try {
      measurements.push({ backend, examplesPerSec: await measure(spec, batchSize, left / (order.length - i)), software, note: null });
    } catch (error) {
      measurements.push({ backend, examplesPerSec: null, software, note: `failed: ${(error as Error).message}` });
    }
  }
  const { chosen, reason } = chooseByProbe(measurements);
  if (chosen !== null && (await tryBackend(chosen, platform)) !== null) return { chosen: null, reason: `${reason} (which then failed to start)`, measurements, ms: performance.now() - started, flopsPerExample: trainingFlops(spec) };
  return { chosen, reason, measurements, ms: performance.now() - started, flopsPerExample: trainingFlops(spec) };
}
