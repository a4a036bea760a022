/// <reference types="vite/client" />
/**
 * The page scripts/profile/wasmBrowser.ts opens (served by Vite's dev server with the app's
 * COOP/COEP headers, so WASM gets its threads as in the app's worker): the app's WASM setup
 * (one XNNPACK thread per logical core) and the app's training step on the default CNN.
 */
import * as tf from '@tensorflow/tfjs';
import { setGemmEnabled } from '../../../src/ml/backends/wasm/simd/gemmKernels';
import { buildModel, createOptimizer } from '../../../src/ml/model/build';
import { presetById } from '../../../src/ml/model/presets';
import { createRng } from '../../../src/ml/random';
import { kernelVariables, trainStep, type StepSetup } from '../../../src/ml/training/trainStep';
import { describeWasm, prepareWasm } from '../../../src/platform/wasmBackend';

const IMAGES = 2048;

async function setUp(batchSize: number) {
  await prepareWasm();
  await tf.setBackend('wasm');
  const preset = presetById('simple');
  const rng = createRng(1);
  // Random pixels and labels: the step's cost does not depend on the values.
  const images = Uint8Array.from({ length: IMAGES * 784 }, () => Math.floor(rng() * 256));
  const labels = Uint8Array.from({ length: IMAGES }, () => Math.floor(rng() * 10));
  const model = buildModel(preset.spec, { seed: 1 });
  const optimizer = createOptimizer(preset.spec.optimizer, preset.spec.learningRate);
  const setup: StepSetup = {
    model,
    optimizer,
    variables: model.trainableWeights.map((w) => w.read() as tf.Variable),
    kernels: kernelVariables(model),
    l2: preset.spec.l2,
    inputScaling: preset.spec.inputScaling,
    augmentation: preset.spec.augmentation,
    augmentationRng: createRng(2),
  };
  const batch = () => Int32Array.from({ length: batchSize }, () => Math.floor(rng() * IMAGES));
  return async () => {
    const out = trainStep(setup, images, labels, batch());
    await out.data();
    out.dispose();
  };
}

let step: (() => Promise<void>) | null = null;

const api = {
  async ready(batchSize: number): Promise<string> {
    step = await setUp(batchSize);
    for (let i = 0; i < 3; i++) await step();
    return `${tf.getBackend()} (${await describeWasm()}), crossOriginIsolated ${String(globalThis.crossOriginIsolated)}`;
  },
  /** Wall time of each of `steps` steps (ms), with gemm.wat on or off. */
  async run(steps: number, gemm: boolean): Promise<number[]> {
    setGemmEnabled(gemm);
    await step!(); // the other setting's warm-up
    const times: number[] = [];
    for (let i = 0; i < steps; i++) {
      const t0 = performance.now();
      await step!();
      times.push(performance.now() - t0);
    }
    return times;
  },
  /** Summed wall time per kernel (ms per step) over `steps` profiled steps. */
  async kernels(steps: number, gemm: boolean): Promise<[string, number][]> {
    setGemmEnabled(gemm);
    const totals = new Map<string, number>();
    for (let s = 0; s < steps; s++) {
      const info = await tf.profile(async () => {
        await step!();
      });
      for (const k of info.kernels) {
        const key = `${k.name} ${k.inputShapes.map((shape) => `[${shape}]`).join(' ')}`;
        totals.set(key, (totals.get(key) ?? 0) + (k.kernelTimeMs as number) / steps);
      }
    }
    return [...totals].sort((a, b) => b[1] - a[1]).slice(0, 15);
  },
};

(globalThis as unknown as { wasmStepProfile: typeof api }).wasmStepProfile = api;
