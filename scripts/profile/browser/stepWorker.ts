/// <reference lib="webworker" />
/**
 * The worker page.ts starts for scripts/profile/wasmBrowser.ts, as the app's engine runs in a
 * worker: the app's WASM setup (one XNNPACK thread per logical core, the gemm helper) and the
 * app's training step on the default CNN. Modes: 'xnnpack' (gemm.wat off), 'gemm' (gemm.wat on
 * this thread only), 'split' (as the app: the big products split with the helper worker where
 * their measured times say it is faster), 'always' (split every time).
 */
import * as tf from '@tensorflow/tfjs';
import { setGemmEnabled } from '../../../src/ml/backends/wasm/simd/gemmKernels';
import { gemmHelperReady, gemmSplitCounts, gemmSplitTimes, setGemmSplitAdaptive, setGemmSplitAllowed } from '../../../src/ml/backends/wasm/split/twoThreads';
import type { BackendWasm } from '../../../src/ml/backends/wasm/wasmBackendAccess';
import { presetById } from '../../../src/ml/model/presets';
import { createRng } from '../../../src/ml/random';
import { trainStep } from '../../../src/ml/training/trainStep';
import { describeWasm, prepareWasm } from '../../../src/platform/wasmBackend';
import { presetStepSetup } from '../presetStep';

const IMAGES = 2048;

async function setUp(batchSize: number) {
  await prepareWasm();
  await tf.setBackend('wasm');
  const preset = presetById('simple');
  const rng = createRng(1);
  // Random pixels and labels: the step's cost does not depend on the values.
  const images = Uint8Array.from({ length: IMAGES * 784 }, () => Math.floor(rng() * 256));
  const labels = Uint8Array.from({ length: IMAGES }, () => Math.floor(rng() * 10));
  const setup = presetStepSetup(preset);
  const { model, optimizer } = setup;
  const batch = () => Int32Array.from({ length: batchSize }, () => Math.floor(rng() * IMAGES));
  /** One training step; its loss (the step's output, a scalar). */
  const step = async () => {
    const out = trainStep(setup, images, labels, batch());
    const loss = (await out.data())[0];
    out.dispose();
    return loss;
  };
  const weights = () => tf.tidy(() => tf.concat(model.trainableWeights.map((w) => w.read().flatten())).dataSync() as Float32Array);
  const dispose = () => {
    model.dispose();
    optimizer.dispose();
  };
  return { step, weights, dispose };
}

let step: (() => Promise<number>) | null = null;

let batch = 64;

export type Mode = 'xnnpack' | 'gemm' | 'split' | 'always';

function setMode(mode: Mode): void {
  setGemmEnabled(mode !== 'xnnpack');
  setGemmSplitAllowed(mode === 'split' || mode === 'always');
  setGemmSplitAdaptive(mode !== 'always');
}

/** Waits (up to 10 s) until the gemm helper has started: split rounds must not measure its start. */
const helperReady = () => gemmHelperReady(tf.backend() as unknown as BackendWasm);

const api = {
  async ready(batchSize: number): Promise<string> {
    step = (await setUp(batchSize)).step;
    batch = batchSize;
    for (let i = 0; i < 3; i++) await step();
    const helper = await helperReady();
    return `${tf.getBackend()} (${await describeWasm()}), crossOriginIsolated ${String(globalThis.crossOriginIsolated)}, gemm helper ${helper ? 'ready' : 'NOT started'}`;
  },
  /** Wall time of each of `steps` steps (ms) in `mode`. */
  async run(steps: number, mode: Mode): Promise<number[]> {
    setMode(mode);
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
  async kernels(steps: number, mode: Mode): Promise<[string, number][]> {
    setMode(mode);
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

  /**
   * The same `steps` steps (same initial weights, same batches) with gemm.wat on this thread and
   * split with the helper: the largest difference in loss and in any weight, and the split calls.
   */
  async compare(steps: number) {
    const runs: { losses: number[]; weights: Float32Array; split: number }[] = [];
    for (const mode of ['gemm', 'always'] as const) {
      setMode(mode);
      const run = await setUp(batch);
      const before = gemmSplitCounts().split;
      const losses: number[] = [];
      for (let i = 0; i < steps; i++) losses.push(await run.step());
      runs.push({ losses, weights: run.weights(), split: gemmSplitCounts().split - before });
      run.dispose();
    }
    const [one, two] = runs;
    let weightDiff = 0;
    let weightMax = 0;
    for (let i = 0; i < one.weights.length; i++) {
      weightDiff = Math.max(weightDiff, Math.abs(one.weights[i] - two.weights[i]));
      weightMax = Math.max(weightMax, Math.abs(one.weights[i]));
    }
    const lossDiff = Math.max(...one.losses.map((l, i) => Math.abs(l - two.losses[i])));
    return { steps, lossFirst: one.losses[0], lossLast: one.losses[steps - 1], lossDiff, weightDiff, weightMax, splitCalls: [one.split, two.split] };
  },
  /** Kernel calls split over two threads / run on one / replayed after a helper failure, so far. */
  async counts() {
    return gemmSplitCounts();
  },
  /** Per kernel key: the moving averages of its split and one-thread wall times (ms), as the app's choice sees them. */
  async times() {
    return gemmSplitTimes();
  },
};

export type StepApi = typeof api;
type Call = { id: number; method: keyof StepApi; args: unknown[] };

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = async ({ data }: MessageEvent<Call>) => {
  try {
    const result = await (api[data.method] as (...a: unknown[]) => Promise<unknown>)(...data.args);
    scope.postMessage({ id: data.id, result });
  } catch (e) {
    scope.postMessage({ id: data.id, error: String((e as Error).stack ?? e) });
  }
};
