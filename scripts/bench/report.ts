import { lessonsMarkdown, type LessonsSection } from './lessonTimes';
import { nativeMarkdown, type NativeRatioSection } from './native';
import { gpuCountersMarkdown, type GpuCountersSection } from './gpuCounters';
/** Turns bench/results.json into markdown tables, and puts them into the README. */
import { readFile, writeFile } from 'node:fs/promises';
import type { BenchTimeToAccuracyResult } from '../../src/protocol/bench';
import type { BackendProbe } from '../../src/ml/backends/probeChoice';
import { presetById, type PresetId } from '../../src/ml/model/presets';
import { ACCURACY_THRESHOLDS, firstReached, thresholdLabel } from '../../src/ml/training/timeToAccuracy';
import type { PresetTimings } from '../../src/ml/model/presetTimings';

export interface BackendRow {
  /** Set when a run with --backends= kept this row from an earlier run. */
  measuredAt?: string;
  trainExamplesPerSec: number;
  firstBatchMs: number;
  loadMs: number;
  evalMs: number;
  evalImagesMeasured: number;
  predictMsMedian: number;
  predictMsP95: number;
  peakBytes: number;
  peakTensors: number;
  baselineRatio: number;
  baselineExamplesPerSec: number;
  numTensorsPerEpoch: readonly number[];
  longestTaskMs: number | null;
  longestTaskWithWarmupMs?: number | null;
  renderer: string | null;
  thread?: string | null;
  maxPageDelayMs?: number;
  rootRendersPerSecond?: number;
  protocolOverheadMsPerBatch?: number;
}

export interface TimeToAccuracySection {
  date: string;
  quick: boolean;
  backend: string;
  trainSize: number;
  testSize: number;
  capSeconds: number;
  loadAverage: { start: number[]; end: number[] };
  /** `measuredAt`: when a run with --presets= kept other presets' rows from an earlier run. */
  presets: Record<string, (BenchTimeToAccuracyResult & { measuredAt?: string }) | { error: string }>;
}

export interface BenchResults {
  date: string;
  quick: boolean;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; os: string; gpu: string; loadAverage?: { start: number[]; end: number[] } };
  browser: string;
  autoBackend: string | null;
  backends: Record<string, BackendRow | { error: string }>;
  /** The automatic backend measured again with the engine on the page (not in its worker). */
  pageEngine?: Omit<BackendRow, 'baselineRatio' | 'baselineExamplesPerSec'> & { workerRatio: number };
  timeToAccuracy?: TimeToAccuracySection;
  /** Each lesson's experiment: training seconds and the numbers its explanation showed. */
  lessons?: LessonsSection;
  /** WASM in the worker against native PyTorch, interleaved in the same run (native.ts). */
  native?: NativeRatioSection;
  /** Per-step counts on WebGL and WebGPU, our loop against stock model.fit (gpuCounters.ts). */
  gpuCounters?: GpuCountersSection;
  /** The automatic backend's probe on this machine (what it measured, why it chose). */
  probe?: BackendProbe | null;
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');

export function toMarkdown(results: BenchResults): string {
  const lines = [
    `Measured ${results.date.slice(0, 10)}${results.quick ? ' (quick run)' : ''} on ${results.machine.cpus} cores (${results.machine.cpuModel}), ${results.machine.memoryGiB} GiB, ${results.machine.gpu}; ${results.browser} headless. Default CNN, batch 64; the engine runs ${Object.values(results.backends).some((r) => 'thread' in r && r.thread === 'page') ? 'on the page' : 'in a Web Worker'}. Automatic choice here: **${results.autoBackend ?? '?'}**${results.probe ? ` (the probe, ${fmt(results.probe.ms)} ms: ${results.probe.reason})` : ''}.`,
    '',
    '| backend | train ex/s (median) | vs `model.fit` + per-batch tfjs-vis charts | Train → first batch | dataset load | 10k-image eval | predict median / p95 | peak memory | peak tensors | tensors after each epoch | longest page task while training (with warm-up) | worst page delay while training | root renders/s | protocol + UI cost per batch |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const rows: [string, Partial<Pick<BackendRow, 'baselineRatio' | 'baselineExamplesPerSec'>> & Omit<BackendRow, 'baselineRatio' | 'baselineExamplesPerSec'> | { error: string }][] = Object.entries(results.backends);
  if (results.pageEngine) rows.push([`${results.autoBackend} with the engine on the page (worker: ${fmt(results.pageEngine.workerRatio, 2)}× its speed)`, results.pageEngine]);
  for (const [backend, row] of rows) {
    const measuredAt = 'measuredAt' in row ? row.measuredAt : undefined;
    const name = measuredAt && measuredAt.slice(0, 10) !== results.date.slice(0, 10) ? `${backend} (measured ${measuredAt.slice(0, 10)})` : backend;
    if ('error' in row) {
      lines.push(`| ${name} | not available: ${row.error.replace(/\|/g, '/').slice(0, 120)} ||||||||||||| `);
      continue;
    }
    const evalNote = row.evalImagesMeasured === 10000 ? '' : ` (from ${fmt(row.evalImagesMeasured)})`;
    lines.push(
      `| ${name} | ${fmt(row.trainExamplesPerSec, 1)} | ${row.baselineRatio === undefined ? 'not measured' : `${fmt(row.baselineRatio, 2)}× (${fmt(row.baselineExamplesPerSec ?? NaN, 1)} ex/s)`} | ${fmt(row.firstBatchMs)} ms | ${fmt(row.loadMs)} ms | ${fmt(row.evalMs / 1000, 1)} s${evalNote} | ${fmt(row.predictMsMedian, 1)} / ${fmt(row.predictMsP95, 1)} ms | ${fmt(row.peakBytes / 1e6, 1)} MB | ${fmt(row.peakTensors)} | ${row.numTensorsPerEpoch.join(' → ')} | ${row.longestTaskMs === null ? '–' : `${fmt(row.longestTaskMs)} ms (${fmt(row.longestTaskWithWarmupMs ?? NaN)} ms)`} | ${fmt(row.maxPageDelayMs ?? NaN)} ms | ${fmt(row.rootRendersPerSecond ?? NaN, 2)} | ${fmt(row.protocolOverheadMsPerBatch ?? NaN, 1)} ms |`,
    );
  }
  const load = results.machine.loadAverage;
  if (load) lines.push('', `Load average (1, 5, 15 min) at the start: ${load.start.join(', ')}; at the end: ${load.end.join(', ')}.`);
  if (results.native) lines.push('', ...nativeMarkdown(results.native));
  if (results.gpuCounters) lines.push('', ...gpuCountersMarkdown(results.gpuCounters));
  if (results.timeToAccuracy) lines.push('', ...timeToAccuracyMarkdown(results.timeToAccuracy));
  if (results.lessons) lines.push('', ...lessonsMarkdown(results.lessons));
  return lines.join('\n') + '\n';
}

const seconds = (n: number) => `${fmt(n)} s`;

function timeToAccuracyMarkdown(tta: TimeToAccuracySection): string[] {
  // Recomputed from each row's scores: rows kept from an older run (other thresholds) read alike.
  const thresholds = ACCURACY_THRESHOLDS.map(thresholdLabel);
  const lines = [
    `**Time to accuracy** (${tta.date.slice(0, 10)}${tta.quick ? ', quick run: a small subset, not comparable' : ''}), on ${tta.backend} in the engine's worker: each preset as the app trains it (its recommended batch size and epochs, else 64 and 5), ${fmt(tta.trainSize)} training images with 10% held out for validation, scored on ${fmt(tta.testSize)} test images after every epoch; at most ${fmt(tta.capSeconds)} s of training each (a preset tuned for a longer budget: that budget + 10%). Times are training only (batches), then in brackets from Train including every evaluation (with flip test-time augmentation, marked TTA, where the recipe uses it: its cost is in the bracketed time). Load average ${tta.loadAverage.start.join(', ')} at the start, ${tta.loadAverage.end.join(', ')} at the end.`,
    '',
    `| preset | batch × epochs | train ex/s | test accuracy after each epoch (training s) | ${thresholds.map((t) => `first ≥ ${t}`).join(' | ')} |`,
    `|---|---|---|---|${thresholds.map(() => '---|').join('')}`,
  ];
  for (const [id, result] of Object.entries(tta.presets)) {
    const preset = presetById(id as PresetId);
    const name = `${preset.name}${preset.spec.flipTta ? ' (TTA)' : ''}`;
    if ('error' in result) {
      lines.push(`| ${name} | failed: ${result.error.replace(/\|/g, '/').slice(0, 120)} |||${thresholds.map(() => '|').join('')}`);
      continue;
    }
    const perEpoch = result.scores.map((sc) => `${fmt(sc.epoch, Number.isInteger(sc.epoch) ? 0 : 2)}: ${fmt(100 * sc.testAccuracy, 2)}% (${seconds(sc.trainSeconds)})`).join(' · ');
    const capped = result.capped ? ` (cut at ${seconds(tta.capSeconds)})` : '';
    const reached = thresholds.map((t) => {
      const r = firstReached(result.scores)[t];
      return r ? `${seconds(r.trainSeconds)} (${seconds(r.wallSeconds)}), epoch ${fmt(r.epoch, Number.isInteger(r.epoch) ? 0 : 2)}` : 'not reached';
    });
    const when = result.measuredAt && result.measuredAt.slice(0, 10) !== tta.date.slice(0, 10) ? ` (measured ${result.measuredAt.slice(0, 10)})` : '';
    lines.push(`| ${name}${when} | ${result.batchSize} × ${result.epochs}${capped} | ${fmt(result.examplesPerSecond)} | ${perEpoch} | ${reached.join(' | ')} |`);
  }
  return lines;
}

/** The measured times the model lab shows beside each preset (full runs only). */
export async function writePresetTimings(path: string, tta: TimeToAccuracySection, machine: BenchResults['machine']): Promise<void> {
  const timings: PresetTimings = {
    measuredOn: `a ${machine.cpus}-core CPU without a GPU (${tta.backend === 'wasm' ? 'WebAssembly' : tta.backend})`,
    presets: Object.fromEntries(
      Object.entries(tta.presets).flatMap(([id, r]) => {
        if ('error' in r) return [];
        const last = r.scores.at(-1);
        if (!last) return [];
        const date = (r.measuredAt ?? tta.date).slice(0, 10);
        return [[id, { reached: r.reached, last: { epoch: last.epoch, trainSeconds: last.trainSeconds, testAccuracy: last.testAccuracy }, capped: r.capped, examplesPerSecond: r.examplesPerSecond, date }]];
      }),
    ),
  };
  await writeFile(path, JSON.stringify(timings, null, 2) + '\n');
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

export async function updateReadme(path: string, markdown: string): Promise<boolean> {
  const readme = await readFile(path, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return false;
  await writeFile(path, readme.slice(0, start + START.length) + '\n' + markdown + readme.slice(end));
  return true;
}
