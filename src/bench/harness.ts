/**
 * In-page benchmark harness, loaded only when the runner sets window.__PLAYGROUND_BENCH__ = true
 * before the page loads (Playwright addInitScript): no link can install it. The Node runner
 * (scripts/bench/run.ts) opens the built app once per backend and calls these functions
 * through page.evaluate. Training is measured inside the engine (its worker); the page
 * measures what a user feels meanwhile: its longest tasks, how late it answers, and how
 * often the root component re-renders.
 */
import type { BenchCountersOptions, BenchCountersResult, BenchTimeToAccuracyOptions, BenchTimeToAccuracyResult, BenchTrainResult } from '../protocol/bench';
import type { EngineConnection } from '../protocol/connection';
import type { BackendProbe } from '../ml/backends/probeChoice';
import { rootRenders } from '../app/renderCount';
import type { AppState } from '../state/appState';
import type { AppStore } from '../state/store';
import { intervals, median, quantile } from './stats';
import { measureLessonRuns, type LessonTiming } from './lessonRuns';

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
  readonly thread: string | null;
  readonly loadMs: number;
  readonly firstBatchMs: number;
  readonly trainExamplesPerSec: number;
  /** Median time between batch ends of a real run (events crossing the protocol, charts drawing) vs in-engine only. */
  readonly protocolOverheadMsPerBatch: number;
  readonly evalMs: number;
  readonly evalImages: number;
  readonly predictMsMedian: number;
  readonly predictMsP95: number;
  readonly peakBytes: number;
  readonly peakTensors: number;
  readonly numTensorsPerEpoch: readonly number[];
  /** Longest main-thread task while the app trained (after warm-up; null without the Long Tasks API). */
  readonly longestTaskMs: number | null;
  /** The same including the warm-up batches. */
  readonly longestTaskWithWarmupMs: number | null;
  /** Worst delay of a 50 ms heartbeat on the page while it trained: how late a click would be answered. */
  readonly maxPageDelayMs: number;
  readonly rootRendersPerSecond: number;
}

function waitFor(store: AppStore, ready: (s: AppState) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready(store.getState())) return resolve();
    const off = store.subscribe(() => {
      if (ready(store.getState())) {
        off();
        resolve();
      }
    });
  });
}

const idle = (s: AppState) => !['training', 'paused', 'validating', 'evaluating'].includes(s.training.status);

/** Clicking Train → first batch finished, through the real store path (cold model). */
async function measureFirstBatch(store: AppStore): Promise<number> {
  store.setConfig({ trainSize: 2000, testSize: 100, epochs: 1, validationSplit: 0, batchSize: 64 });
  await waitFor(store, (s) => store.canTrain(s));
  const started = performance.now();
  store.train();
  await waitFor(store, (s) => s.training.batches.length > 0);
  const ms = performance.now() - started;
  store.stop();
  store.stop();
  await waitFor(store, idle);
  return ms;
}

interface PageWhileTraining {
  readonly longTasks: { start: number; duration: number }[] | null;
  readonly maxDelayMs: number;
  readonly rendersPerSecond: number;
  readonly warmupEnd: number;
  readonly msPerBatch: number;
}

/** A real run through the store (progress events, charts) while the page is watched. */
async function watchPageWhileTraining(store: AppStore, options: MeasureOptions): Promise<PageWhileTraining> {
  store.setConfig({ trainSize: options.trainExamples, testSize: 100, epochs: 1, validationSplit: 0, batchSize: options.batchSize });
  await waitFor(store, (s) => store.canTrain(s));
  const supported = PerformanceObserver.supportedEntryTypes?.includes('longtask');
  const longTasks: { start: number; duration: number }[] = [];
  const observer = supported ? new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push({ start: e.startTime, duration: e.duration }))) : null;
  observer?.observe({ entryTypes: ['longtask'] });
  let maxDelayMs = 0;
  let expected = performance.now() + 50;
  const heartbeat = setInterval(() => {
    const now = performance.now();
    maxDelayMs = Math.max(maxDelayMs, now - expected);
    expected = now + 50;
  }, 50);
  const rendersBefore = rootRenders();
  const batchSeen: number[] = [];
  const off = store.subscribe(() => {
    const n = store.getState().training.batches.length;
    while (batchSeen.length < n) batchSeen.push(performance.now());
  });
  const started = performance.now();
  store.train();
  await waitFor(store, (s) => s.training.status === 'training');
  await waitFor(store, idle);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(heartbeat);
  off();
  await new Promise((resolve) => setTimeout(resolve, 100));
  if (observer) {
    longTasks.push(...observer.takeRecords().map((e) => ({ start: e.startTime, duration: e.duration })));
    observer.disconnect();
  }
  const total = store.getState().training.batches.length;
  return {
    longTasks: supported ? longTasks : null,
    maxDelayMs,
    rendersPerSecond: (rootRenders() - rendersBefore) / seconds,
    warmupEnd: batchSeen[options.warmupBatches] ?? started,
    msPerBatch: (batchSeen[batchSeen.length - 1] - batchSeen[Math.min(options.warmupBatches, batchSeen.length - 1)]) / Math.max(1, total - options.warmupBatches - 1),
  };
}

/** Longest task starting after `after` (ms, performance.now() time); 0 if none was long. */
function longestSince(tasks: { start: number; duration: number }[] | null, after: number): number | null {
  if (!tasks) return null;
  return tasks.filter((t) => t.start >= after).reduce((longest, t) => Math.max(longest, t.duration), 0);
}

export function installBenchHarness(store: AppStore, connection: EngineConnection): void {
  const harness = {
    /** Resolves when the backend is up and all 70,000 images are in. */
    ready: async () => {
      await waitFor(store, (s) => s.data.status === 'ready' && s.backend.status !== 'starting' && s.model.ready);
      const s = store.getState();
      if (s.backend.status === 'error') throw new Error(s.backend.error ?? 'backend failed');
      return { backend: s.backend.active, renderer: s.backend.renderer, loadMs: (s.data.loadSeconds ?? NaN) * 1000, probe: s.backend.probe ?? null };
    },
    measure: async (options: MeasureOptions): Promise<BackendMeasurement> => {
      const s = store.getState();
      // Progress lines for the runner's log (the bench page is never a user's page).
      console.info('[bench] Train → first batch');
      const firstBatchMs = await measureFirstBatch(store);
      console.info(`[bench] the training loop in the engine (${options.trainExamples} examples), evaluation, prediction latency`);
      const engine = await connection.request({
        kind: 'benchTrain',
        options: { examples: options.trainExamples, batchSize: options.batchSize, warmupBatches: options.warmupBatches, evalImages: options.evalImages, predictCalls: options.predictCalls },
      });
      const steady = intervals([...engine.batchEndTimes]).slice(options.warmupBatches);
      const msPerBatchInEngine = median(steady);
      console.info('[bench] the page while the app trains');
      const page = await watchPageWhileTraining(store, options);
      return {
        backend: engine.backend,
        renderer: s.backend.renderer,
        thread: store.getState().backend.thread,
        loadMs: (s.data.loadSeconds ?? NaN) * 1000,
        firstBatchMs,
        trainExamplesPerSec: options.batchSize / (msPerBatchInEngine / 1000),
        protocolOverheadMsPerBatch: page.msPerBatch - msPerBatchInEngine,
        evalMs: engine.evalMs,
        evalImages: options.evalImages,
        predictMsMedian: median([...engine.predictMs]),
        predictMsP95: quantile([...engine.predictMs], 0.95),
        peakBytes: engine.peakBytes,
        peakTensors: engine.peakTensors,
        numTensorsPerEpoch: engine.numTensorsPerEpoch,
        longestTaskMs: longestSince(page.longTasks, page.warmupEnd),
        longestTaskWithWarmupMs: longestSince(page.longTasks, 0),
        maxPageDelayMs: page.maxDelayMs,
        rootRendersPerSecond: page.rendersPerSecond,
      };
    },
    /**
     * Only the engine's training loop on the default CNN (no evaluation, no page watching): its
     * median images/s after the warm-up batches, for the native ratio.
     */
    trainThroughput: async (options: { examples: number; batchSize: number; warmupBatches: number }) => {
      console.info(`[bench] the training loop in the engine (${options.examples} examples)`);
      const engine = await connection.request({ kind: 'benchTrain', options: { ...options, evalImages: options.batchSize, predictCalls: 0 } });
      const msPerBatch = median(intervals([...engine.batchEndTimes]).slice(options.warmupBatches));
      return { backend: engine.backend, details: store.getState().backend.details, examplesPerSec: options.batchSize / (msPerBatch / 1000), gemmSplit: engine.gemmSplit ?? null };
    },
    /** What one training step asks of the backend, through our loop or stock model.fit (GPU counters). */
    counters: async (options: BenchCountersOptions): Promise<BenchCountersResult> => {
      // Ours: first the app's own path, as a student meets it right after the data loaded.
      const firstBatchFromClickMs = options.loop === 'ours' ? await measureFirstBatch(store) : null;
      console.info(`[bench] counting ${options.loop === 'ours' ? 'our training loop' : 'stock model.fit'}`);
      return { ...(await connection.request({ kind: 'benchCounters', options })), firstBatchFromClickMs };
    },
    /** Every lesson's experiment, trained through the store as a student would: seconds and numbers per lesson. */
    lessons: (): Promise<LessonTiming[]> => measureLessonRuns(store),
    /** One preset's time to accuracy, trained in the engine as the app would train it. */
    timeToAccuracy: (options: BenchTimeToAccuracyOptions): Promise<BenchTimeToAccuracyResult> => {
      console.info(`[bench] time to accuracy: ${options.preset}`);
      return connection.request({ kind: 'benchTimeToAccuracy', options });
    },
  };
  (window as unknown as { playgroundBench: typeof harness }).playgroundBench = harness;
}

export type BenchHarness = {
  ready(): Promise<{ backend: string | null; renderer: string | null; loadMs: number; probe: BackendProbe | null }>;
  measure(o: MeasureOptions): Promise<BackendMeasurement>;
  trainThroughput(o: { examples: number; batchSize: number; warmupBatches: number }): Promise<{ backend: string; details: string | null; examplesPerSec: number; gemmSplit: BenchTrainResult['gemmSplit'] | null }>;
  timeToAccuracy(o: BenchTimeToAccuracyOptions): Promise<BenchTimeToAccuracyResult>;
  counters(o: BenchCountersOptions): Promise<BenchCountersResult>;
  lessons(): Promise<LessonTiming[]>;
};
