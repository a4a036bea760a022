/**
 * The shader warm-up checked on a real GPU backend (e2e/gpuKernels.dev.spec.ts imports this from
 * the development server): after ml/training/warmup.ts has trained its throw-away step, a real
 * run of the default CNN with the same settings should compile (almost) nothing more. Never
 * part of the app.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgl';
import { registerGpuTrainingKernels } from '../ml/backends/gpu/registerGpuTrainingKernels';
import { DEFAULT_RUN_CONFIG } from '../ml/config/runConfig';
import { trainConfigFor } from '../ml/config/trainConfig';
import { DEFAULT_CHUNK_IMAGES } from '../ml/data/residentImages';
import { buildModel, createOptimizer } from '../ml/model/build';
import { SIMPLE_CNN } from '../ml/model/spec';
import { trainModel } from '../ml/training/trainer';
import { warmUpTrainingStep } from '../ml/training/warmup';

export interface WarmupCheckReport {
  backend: string;
  /** Programs the warm-up compiled, and those a real two-step run compiled after it. */
  warmupPrograms: number;
  compiledByRun: number;
  /** The start of each new program's cache key (what the warm-up missed). */
  missed: string[];
  warmupMs: number;
  /** The real run's two steps (programs already compiled), including its first read-back. */
  runMs: number;
}

function programKeys(): string[] {
  const backend = tf.backend() as unknown as { binaryCache?: object; pipelineCache?: object };
  return Object.keys(backend.binaryCache ?? backend.pipelineCache ?? {});
}
const programs = () => programKeys().length;

export async function checkWarmupOn(backend: 'webgl' | 'webgpu'): Promise<WarmupCheckReport> {
  registerGpuTrainingKernels();
  if (backend === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend(backend))) throw new Error(`${backend} did not start`);
  await tf.ready();
  const config = trainConfigFor({ ...DEFAULT_RUN_CONFIG, batchSize: 64 }, SIMPLE_CNN);
  const p0 = programs();
  let started = performance.now();
  await warmUpTrainingStep(SIMPLE_CNN, config);
  const warmupMs = performance.now() - started;
  const p1 = programs();
  const known = new Set(programKeys());
  // Real images' stand-in: one full chunk of varied bytes, and labels of every class.
  const images = Uint8Array.from({ length: DEFAULT_CHUNK_IMAGES * 784 }, (_, i) => (i * 2654435761) >>> 24);
  const labels = Uint8Array.from({ length: DEFAULT_CHUNK_IMAGES }, (_, i) => i % 10);
  const model = buildModel(SIMPLE_CNN, { seed: 7 });
  const optimizer = createOptimizer(SIMPLE_CNN.optimizer, SIMPLE_CNN.learningRate);
  started = performance.now();
  try {
    await trainModel(model, optimizer, { images, labels, available: () => DEFAULT_CHUNK_IMAGES }, { ...config, epochs: 1, trainSize: 128, validationSplit: 0, earlyStopping: null }, {});
  } finally {
    model.dispose();
    optimizer.dispose();
  }
  return { backend, warmupPrograms: p1 - p0, compiledByRun: programs() - p1, missed: programKeys().filter((k) => !known.has(k)).map((k) => k.replace(/\s+/g, ' ').slice(0, 400)), warmupMs, runMs: performance.now() - started };
}
