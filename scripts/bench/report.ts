/** Turns bench/results.json into a markdown table, and puts it into the README. */
import { readFile, writeFile } from 'node:fs/promises';

export interface BackendRow {
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

export interface BenchResults {
  date: string;
  quick: boolean;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; os: string; gpu: string };
  browser: string;
  autoBackend: string | null;
  backends: Record<string, BackendRow | { error: string }>;
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');

export function toMarkdown(results: BenchResults): string {
  const lines = [
    `Measured ${results.date.slice(0, 10)}${results.quick ? ' (quick run)' : ''} on ${results.machine.cpus} cores (${results.machine.cpuModel}), ${results.machine.memoryGiB} GiB, ${results.machine.gpu}; ${results.browser} headless. Default CNN, batch 64; the engine runs ${Object.values(results.backends).some((r) => 'thread' in r && r.thread === 'page') ? 'on the page' : 'in a Web Worker'}. Automatic choice here: **${results.autoBackend ?? '?'}**.`,
    '',
    '| backend | train ex/s (median) | vs `model.fit` + per-batch tfjs-vis charts | Train → first batch | dataset load | 10k-image eval | predict median / p95 | peak memory | peak tensors | tensors after each epoch | longest page task while training (with warm-up) | worst page delay while training | root renders/s | protocol + UI cost per batch |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [name, row] of Object.entries(results.backends)) {
    if ('error' in row) {
      lines.push(`| ${name} | not available: ${row.error.replace(/\|/g, '/').slice(0, 120)} ||||||||||||| `);
      continue;
    }
    const evalNote = row.evalImagesMeasured === 10000 ? '' : ` (from ${fmt(row.evalImagesMeasured)})`;
    lines.push(
      `| ${name} | ${fmt(row.trainExamplesPerSec, 1)} | ${fmt(row.baselineRatio, 2)}× (${fmt(row.baselineExamplesPerSec, 1)} ex/s) | ${fmt(row.firstBatchMs)} ms | ${fmt(row.loadMs)} ms | ${fmt(row.evalMs / 1000, 1)} s${evalNote} | ${fmt(row.predictMsMedian, 1)} / ${fmt(row.predictMsP95, 1)} ms | ${fmt(row.peakBytes / 1e6, 1)} MB | ${fmt(row.peakTensors)} | ${row.numTensorsPerEpoch.join(' → ')} | ${row.longestTaskMs === null ? '–' : `${fmt(row.longestTaskMs)} ms (${fmt(row.longestTaskWithWarmupMs ?? NaN)} ms)`} | ${fmt(row.maxPageDelayMs ?? NaN)} ms | ${fmt(row.rootRendersPerSecond ?? NaN, 2)} | ${fmt(row.protocolOverheadMsPerBatch ?? NaN, 1)} ms |`,
    );
  }
  return lines.join('\n') + '\n';
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
