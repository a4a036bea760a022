/**
 * In-page benchmark harness, loaded only when the runner sets window.__PLAYGROUND_BENCH__ = true
 * before the page loads (Playwright addInitScript): no link can install it. The Node runner
 * (scripts/bench/run.ts) opens the built app once per backend and calls these functions
 * through page.evaluate; everything is measured in the page, on the same model and data.
 */
import * as tf from '@tensorflow/tfjs';
import { imagesTensor, range } from '../ml/data/batches';
import { buildModel, createOptimizer } from '../ml/model/build';
import { SIMPLE_CNN } from '../ml/model/spec';
import { predictInBatches } from '../ml/training/evaluate';
import { trainModel } from '../ml/training/trainer';
import type { PlaygroundStore } from '../state/playgroundStore';
import { intervals, median, quantile } from './stats';

export interface MeasureOptions {
  readonly trainExamples: number;
  readonly baselineExamples: number;
  readonly batchSize: number;
  /** Batch intervals dropped at the start (kernel compilation, warm-up). */
  readonly warmupBatches: number;
  readonly evalImages: number;
  readonly predictCalls: number;
}

export interface BackendMeasurement {
  readonly backend: string;
  readonly renderer: string | null;
  readonly loadMs: number;
  readonly firstBatchMs: number;
  readonly trainExamplesPerSec: number;
  readonly evalMs: number;
  readonly evalImages: number;
  readonly predictMsMedian: number;
  readonly predictMsP95: number;
  readonly peakBytes: number;
  readonly peakTensors: number;
  readonly numTensorsPerEpoch: number[];
  /** Longest main-thread task after the warm-up batches (null without the Long Tasks API). */
  readonly longestTaskMs: number | null;
  /** The same including the warm-up batches (kernel compilation, first uploads). */
  readonly longestTaskWithWarmupMs: number | null;
}

function waitFor(store: PlaygroundStore, ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready()) return resolve();
    const off = store.subscribe(() => {
      if (ready()) {
        off();
        resolve();
      }
    });
  });
}

/** Clicking Train → first batch finished, through the real store path (cold model). */
async function measureFirstBatch(store: PlaygroundStore): Promise<number> {
  store.setConfig({ trainSize: 2000, testSize: 100, epochs: 1, validationSplit: 0, batchSize: 64 });
  const started = performance.now();
  const run = store.train();
  await waitFor(store, () => store.getSnapshot().training.batches.length > 0);
  const ms = performance.now() - started;
  store.stop();
  await run;
  return ms;
}

async function measureOurLoop(store: PlaygroundStore, options: MeasureOptions) {
  const data = store.getData()!;
  const model = buildModel(SIMPLE_CNN);
  const optimizer = createOptimizer('adam', 0.001);
  const batchEnds: number[] = [];
  const numTensorsPerEpoch: number[] = [];
  let peakBytes = 0;
  let peakTensors = 0;
  await trainModel(
    model,
    optimizer,
    { images: data.train.images, labels: data.train.labels, available: () => data.train.availableCount },
    { epochs: 2, batchSize: options.batchSize, validationSplit: 0, trainSize: Math.ceil(options.trainExamples / 2), seed: 1 },
    {
      onBatch: () => {
        batchEnds.push(performance.now());
        const memory = tf.memory();
        peakBytes = Math.max(peakBytes, memory.numBytes);
        peakTensors = Math.max(peakTensors, memory.numTensors);
      },
      onEpoch: () => numTensorsPerEpoch.push(tf.memory().numTensors),
    },
  );
  const steady = intervals(batchEnds).slice(options.warmupBatches);
  const examplesPerSec = options.batchSize / (median(steady) / 1000);
  return { model, optimizer, examplesPerSec, peakBytes, peakTensors, numTensorsPerEpoch, warmupEnd: batchEnds[options.warmupBatches - 1] ?? 0 };
}

async function measurePredictLatency(model: tf.LayersModel, images: Uint8Array, calls: number) {
  const times: number[] = [];
  for (let i = 0; i < calls + 5; i++) {
    const started = performance.now();
    const out = tf.tidy(() => model.predict(imagesTensor(images, [i])) as tf.Tensor);
    await out.data();
    out.dispose();
    if (i >= 5) times.push(performance.now() - started);
  }
  return { median: median(times), p95: quantile(times, 0.95) };
}

/** Main-thread tasks over 50 ms seen while `work` runs (Long Tasks API; null if unsupported). */
async function withLongTasks<T>(work: () => Promise<T>): Promise<{ result: T; longTasks: { start: number; duration: number }[] | null }> {
  if (!PerformanceObserver.supportedEntryTypes?.includes('longtask')) return { result: await work(), longTasks: null };
  const longTasks: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push({ start: e.startTime, duration: e.duration })));
  observer.observe({ entryTypes: ['longtask'] });
  const result = await work();
  // Entries are delivered asynchronously: let the last ones arrive.
  await new Promise((resolve) => setTimeout(resolve, 100));
  longTasks.push(...observer.takeRecords().map((e) => ({ start: e.startTime, duration: e.duration })));
  observer.disconnect();
  return { result, longTasks };
}

/** Longest task starting after `after` (ms, performance.now() time); 0 if none was long. */
function longestSince(tasks: { start: number; duration: number }[] | null, after: number): number | null {
  if (!tasks) return null;
  return tasks.filter((t) => t.start >= after).reduce((longest, t) => Math.max(longest, t.duration), 0);
}

export function installBenchHarness(store: PlaygroundStore): void {
  const harness = {
    /** Resolves when the backend is up and all 70,000 images are in. */
    ready: async () => {
      await waitFor(store, () => {
        const s = store.getSnapshot();
        return s.data.status === 'ready' && s.backend.status !== 'starting';
      });
      const s = store.getSnapshot();
      if (s.backend.status === 'error') throw new Error(s.backend.error ?? 'backend failed');
      return { backend: s.backend.active, renderer: s.backend.renderer, loadMs: (s.data.loadSeconds ?? NaN) * 1000 };
    },
    measure: async (options: MeasureOptions): Promise<BackendMeasurement> => {
      const s = store.getSnapshot();
      // Progress lines for the runner's log (the bench page is never a user's page).
      console.info('[bench] Train → first batch');
      const firstBatchMs = await measureFirstBatch(store);
      console.info(`[bench] our training loop (${options.trainExamples} examples)`);
      const ours = await withLongTasks(() => measureOurLoop(store, options));
      console.info('[bench] evaluation and prediction latency');
      const { model, optimizer } = ours.result;
      const data = store.getData()!;
      const evalStarted = performance.now();
      await predictInBatches(model, data.test.images, range(0, options.evalImages));
      const evalMs = performance.now() - evalStarted;
      const latency = await measurePredictLatency(model, data.test.images, options.predictCalls);
      model.dispose();
      optimizer.dispose();
      return {
        backend: tf.getBackend(),
        renderer: s.backend.renderer,
        loadMs: (s.data.loadSeconds ?? NaN) * 1000,
        firstBatchMs,
        trainExamplesPerSec: ours.result.examplesPerSec,
        evalMs,
        evalImages: options.evalImages,
        predictMsMedian: latency.median,
        predictMsP95: latency.p95,
        peakBytes: ours.result.peakBytes,
        peakTensors: ours.result.peakTensors,
        numTensorsPerEpoch: ours.result.numTensorsPerEpoch,
        longestTaskMs: longestSince(ours.longTasks, ours.result.warmupEnd),
        longestTaskWithWarmupMs: longestSince(ours.longTasks, 0),
      };
    },
  };
  (window as unknown as { playgroundBench: typeof harness }).playgroundBench = harness;
}

export type BenchHarness = { ready(): Promise<{ backend: string | null; renderer: string | null; loadMs: number }>; measure(o: MeasureOptions): Promise<BackendMeasurement> };
