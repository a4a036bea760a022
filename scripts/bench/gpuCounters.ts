/**
 * The GPU path by what can be counted (npm run bench, or -- --gpu-counters-only): per training
 * step of the default CNN on WebGL and WebGPU, our loop against stock model.fit — kernels,
 * GPU program runs, programs compiled, bytes up and back, read-backs. Here the GPUs are
 * software renderers: the counts are what matters, never the times (the first step's time is
 * shown only against the issue's "first WebGL batch under 10 s").
 */
import { loadavg } from 'node:os';
import type { Browser } from '@playwright/test';
import type { BenchHarness } from '../../src/bench/harness';
import type { BenchCountersResult, BenchStepCounts } from '../../src/protocol/bench';
import type { OpenBench } from './extraRuns';

export interface GpuCountersSection {
  readonly date: string;
  /** The machine's load average (1, 5, 15 min) before and after (the times depend on it; the counts do not). */
  readonly load?: { readonly start: number[]; readonly end: number[] };
  readonly steps: readonly [number, number];
  readonly backends: Record<string, { ours: BenchCountersResult | { error: string }; fit: BenchCountersResult | { error: string } }>;
}

const STEPS: [number, number] = [1, 3];

export async function measureGpuCounters(launch: () => Promise<Browser>, openBench: OpenBench, log: (line: string) => void, backends: readonly string[] = ['webgl', 'webgpu']): Promise<GpuCountersSection> {
  const start = loadavg().map((x) => Math.round(x * 100) / 100);
  const section: GpuCountersSection = { date: new Date().toISOString(), steps: STEPS, backends: {} };
  for (const backend of backends) {
    const row: Partial<GpuCountersSection['backends'][string]> = {};
    for (const loop of ['ours', 'fit'] as const) {
      // A fresh browser each: compiled programs are cached per context.
      const browser = await launch();
      try {
        const { page, ready } = await openBench(browser, `?backend=${backend}`);
        if (ready.backend !== backend) throw new Error(`${backend} did not start (got ${ready.backend})`);
        const result = await page.evaluate((o) => (window as unknown as { playgroundBench: BenchHarness }).playgroundBench.counters(o), { loop, steps: STEPS });
        row[loop] = result;
        const p = result.perStep;
        log(
          `${backend} ${loop}: per step ${p.kernels.toFixed(1)} kernels, ${p.programRuns.toFixed(1)} program runs, ${p.syncReads.toFixed(1)} sync reads; programs ${result.warmup ? `${result.warmup.programs} in the warm-up (${(result.warmup.ms / 1000).toFixed(1)} s), ` : ''}${result.programsBeforeTraining ?? '–'} before counting, ${result.programsCompiledByFirstStep ?? '–'} by the first step (${(result.firstStepMs / 1000).toFixed(1)} s), ${result.programsCompiledAfterFirstStep ?? '–'} after${result.firstBatchFromClickMs != null ? `; Train click → first batch ${(result.firstBatchFromClickMs / 1000).toFixed(1)} s` : ''}`,
        );
      } catch (error) {
        row[loop] = { error: (error as Error).message.split('\n')[0] };
        log(`${backend} ${loop}: ${(error as Error).message.split('\n')[0]}`);
      } finally {
        await browser.close();
      }
    }
    section.backends[backend] = row as GpuCountersSection['backends'][string];
  }
  return { ...section, load: { start, end: loadavg().map((x) => Math.round(x * 100) / 100) } };
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: 0 }) : '–');
const kb = (bytes: number) => (bytes < 1024 ? `${fmt(bytes, 1)} B` : `${fmt(bytes / 1024, 1)} KB`);

function cells(r: BenchCountersResult): string[] {
  const p: BenchStepCounts = r.perStep;
  return [
    fmt(p.kernels, 1),
    fmt(p.programRuns, 1),
    `${fmt(p.uploads, 1)} (${kb(p.bytesUploaded)})`,
    `${fmt(p.reads, 1)} async, **${fmt(p.syncReads, 1)} sync** (${kb(p.bytesRead)})`,
    `${r.warmup ? `${r.warmup.programs} in the warm-up (${fmt(r.warmup.ms / 1000, 1)} s${r.warmup.error ? `, failed: ${r.warmup.error.replace(/\|/g, '/').slice(0, 60)}` : ''}); ` : ''}${r.programsBeforeTraining ?? '–'} / ${r.programsCompiledByFirstStep ?? '–'} / ${r.programsCompiledAfterFirstStep ?? '–'}`,
    `${fmt(r.firstStep.kernels)} kernels, ${fmt(r.firstStep.uploads)} uploads (${kb(r.firstStep.bytesUploaded)}), ${fmt(r.firstStep.syncReads)} sync reads; ${fmt(r.firstStepMs / 1000, 1)} s${r.firstBatchFromClickMs != null ? `; Train click → first batch ${fmt(r.firstBatchFromClickMs / 1000, 1)} s` : ''}`,
    `${fmt(r.perRun.uploads, 1)} uploads (${kb(r.perRun.bytesUploaded)}), ${fmt(r.perRun.syncReads, 1)} sync reads`,
  ];
}

export function gpuCountersMarkdown(section: GpuCountersSection): string[] {
  const [n1, n2] = section.steps;
  const lines = [
    `**GPU counters** (${section.date.slice(0, 10)}): what one training step of the default CNN (batch 64, Adam) asks of the backend, through our training loop (as the app trains) and through stock TensorFlow.js \`model.fit\` on the same network (plain layers, \`tf.train.adam\`), each on a fresh page. Per step = (a ${n2}-step run − a ${n1}-step run) / ${n2 - n1}, so per-run costs cancel (shown apart). Kernels: dispatched through the engine; program runs: shaders/pipelines actually run (packing and encoding included). Programs: compiled by the app's shader warm-up while the data loaded (a training step of a throw-away copy on zeros), in the cache before counting (for ours, after a Train click through the page's store, timed from the click to the first batch shown), compiled by a fresh model's first step, and by the steps after it. Here WebGL and WebGPU are software renderers: counts only, the times say little about a real GPU.${section.load ? ` Load average ${section.load.start.join(', ')} at the start, ${section.load.end.join(', ')} at the end.` : ''}`,
    '',
    '| backend | loop | kernels / step | GPU program runs / step | uploads / step | read-backs / step | programs: before training / compiled by the first step / after it | first step (fresh model) | per run |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [backend, row] of Object.entries(section.backends)) {
    for (const loop of ['ours', 'fit'] as const) {
      const r = row[loop];
      const name = loop === 'ours' ? 'ours' : 'stock `model.fit`';
      if ('error' in r) lines.push(`| ${backend} | ${name} | not measured: ${r.error.replace(/\|/g, '/').slice(0, 120)} |||||||`);
      else lines.push(`| ${backend} | ${name} | ${cells(r).join(' | ')} |`);
    }
    if (!('error' in row.ours) && !('error' in row.fit)) {
      lines.push(`| ${backend} | ours ÷ stock | **${fmt(row.ours.perStep.kernels / row.fit.perStep.kernels, 2)}×** | ${fmt(row.ours.perStep.programRuns / row.fit.perStep.programRuns, 2)}× |||||||`);
    }
  }
  return lines;
}
