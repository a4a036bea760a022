/** What the benchmark (npm run bench) asks the engine and what it answers: types only. */
import type { StepCounts } from '../ml/backends/stepCounters';
import type { PresetId } from '../ml/model/presets';
import type { EpochScore } from '../ml/training/timeToAccuracy';

export interface BenchTrainOptions {
  readonly examples: number;
  readonly batchSize: number;
  readonly warmupBatches: number;
  readonly evalImages: number;
  readonly predictCalls: number;
  /** Whether WASM's big matrix products may use the gemm helper thread (default true, as the app). */
  readonly gemmSplit?: boolean;
}

export interface BenchTrainResult {
  readonly backend: string;
  /** performance.timeOrigin-relative end time of each batch, in the engine's clock. */
  readonly batchEndTimes: readonly number[];
  /** The engine's performance.timeOrigin, so the page can align the clocks. */
  readonly timeOrigin: number;
  readonly peakBytes: number;
  readonly peakTensors: number;
  readonly numTensorsPerEpoch: readonly number[];
  readonly evalMs: number;
  readonly predictMs: readonly number[];
  /** On WASM: kernel calls split with the gemm helper during the run, run on one thread, and the share of blocks the helper ran. */
  readonly gemmSplit?: { readonly split: number; readonly single: number; readonly helperShare: number };
}

export interface BenchTimeToAccuracyOptions {
  readonly preset: PresetId;
  /** Training images (the app's default: all 60,000, of which 10% are held out for validation). */
  readonly trainSize: number;
  /** Test images scored after each epoch (10,000 in a full run). */
  readonly testSize: number;
  /** Stop once this much time went into training batches (evaluations not counted). */
  readonly capSeconds: number;
  /** Epochs when the preset recommends none (the app's default otherwise). */
  readonly epochs?: number;
}

export interface BenchTimeToAccuracyResult {
  readonly backend: string;
  readonly preset: PresetId;
  readonly batchSize: number;
  /** Epochs the recipe was planned for (its schedule runs over all of them). */
  readonly epochs: number;
  readonly trainedExamples: number;
  readonly examplesPerSecond: number;
  readonly scores: readonly EpochScore[];
  readonly reached: Record<string, { trainSeconds: number; wallSeconds: number; epoch: number } | null>;
  /** True when the time cap ended the run before its planned epochs. */
  readonly capped: boolean;
}

export interface BenchCountersOptions {
  /** Our training loop (trainModel) or stock TensorFlow.js model.fit, on the default CNN. */
  readonly loop: 'ours' | 'fit';
  /** Two run lengths in steps (n1 < n2): per step = (run n2 − run n1) / (n2 − n1). */
  readonly steps: readonly [number, number];
}

/** Counts per step or run: kernels, program runs, uploads and read-backs with their bytes (one type with the counter's). */
export type BenchStepCounts = StepCounts;

export interface BenchCountersResult {
  readonly backend: string;
  readonly loop: 'ours' | 'fit';
  /** GPU programs compiled before training started (while the data loaded), by the first step, and after it (null off the GPU). */
  readonly programsBeforeTraining: number | null;
  readonly programsCompiledByFirstStep: number | null;
  readonly programsCompiledAfterFirstStep: number | null;
  /** A one-step run on a fresh model: its counts and wall time (compiling included). */
  readonly firstStep: BenchStepCounts;
  readonly firstStepMs: number;
  readonly perStep: BenchStepCounts;
  /** What a run costs whatever its length (e.g. keeping the images on the device), from the two runs. */
  readonly perRun: BenchStepCounts;
  readonly steps: readonly [number, number];
  /** The shader warm-up while the data loaded (engine/shaderWarmup.ts; null: none ran, e.g. WASM). */
  readonly warmup?: { readonly programs: number; readonly ms: number; readonly error: string | null } | null;
  /** Train clicked through the store (data loaded, warm-up maybe still running) → first batch shown (ours only). */
  readonly firstBatchFromClickMs?: number | null;
}
