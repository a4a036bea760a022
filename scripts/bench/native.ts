/**
 * The native ratio: the default CNN's training throughput in the engine's worker on WebAssembly
 * against native PyTorch on the CPU (the anchor script fmnist_cnn_baseline.py), on the same
 * cores and in the same run, interleaved (browser, native, browser, native…) so that both sides
 * meet the same machine; only the ratio of the medians means anything on a busy machine.
 *
 * Where things are (environment variables):
 * - BENCH_ANCHORS_DIR: the folder with fmnist_cnn_baseline.py (default ../shared/anchors)
 * - FASHION_MNIST_DIR: the IDX files the script reads (its own default /usr/share/datasets/fashion-mnist)
 * - BENCH_PYTHON: the interpreter with torch (default /usr/bin/python3, Debian's python3-torch)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from '@playwright/test';
import type { BenchHarness } from '../../src/bench/harness';
import { median } from '../../src/bench/stats';
import type { OpenBench } from './extraRuns';

export interface NativeSetup {
  readonly python: string;
  readonly script: string;
  readonly dataDir: string;
}

export interface NativeRatioSection {
  readonly date: string;
  /** Why it was not measured (no torch, no script, no data), or absent when it was. */
  readonly skipped?: string;
  readonly rounds?: readonly { browser: number; native: number }[];
  readonly browserMedian?: number;
  readonly nativeMedian?: number;
  /** browserMedian / nativeMedian. */
  readonly ratio?: number;
  readonly browserImagesPerRound?: number;
  readonly nativeImagesPerRound?: number;
  readonly wasmDetails?: string | null;
  /** The worker's split kernel calls over all rounds and the share of their blocks the helper thread ran (ml/backends/wasm/split/). */
  readonly gemmSplit?: { split: number; single: number; helperShare: number } | null;
  readonly torch?: string;
  readonly loadAverage?: { start: number[]; end: number[] };
}

const FILES = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];

/** Where the native side would run, or why it cannot here. */
export function findNativeSetup(root: string, env: NodeJS.ProcessEnv = process.env): NativeSetup | { skipped: string } {
  const anchors = resolve(root, env.BENCH_ANCHORS_DIR ?? '../shared/anchors');
  const script = join(anchors, 'fmnist_cnn_baseline.py');
  const python = env.BENCH_PYTHON ?? '/usr/bin/python3';
  const dataDir = env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
  if (!existsSync(script)) return { skipped: `no native script at ${script} (set BENCH_ANCHORS_DIR)` };
  const missing = FILES.filter((f) => !existsSync(join(dataDir, f)));
  if (missing.length > 0) return { skipped: `no Fashion-MNIST IDX files in ${dataDir} (set FASHION_MNIST_DIR; Debian: dataset-fashion-mnist)` };
  const torch = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  if (torch.status !== 0) return { skipped: `${python} cannot import torch (Debian: python3-torch; or set BENCH_PYTHON)` };
  return { python, script, dataDir };
}

/**
 * `images` timed training images (after 20 warm-up batches) of the anchor's default CNN, 2 threads,
 * through nativeSteps.py, which imports the anchor script's data loading, network, initialisers
 * and optimizer and times each step as the script does (a whole native epoch would take minutes
 * on a busy machine, and the two sides should cover the same number of images).
 */
function runNative(setup: NativeSetup, images: number): { examplesPerSec: number; images: number; torch: string } {
  const run = spawnSync(setup.python, [join(import.meta.dirname, 'nativeSteps.py'), resolve(setup.script, '..'), '--images', String(images), '--threads', '2'], {
    env: { ...process.env, FASHION_MNIST_DIR: setup.dataDir },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`native run failed: ${(run.stderr || run.stdout).trim().split('\n').at(-1)}`);
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { torch: string; images: number; median_ex_per_s: number };
  return { examplesPerSec: result.median_ex_per_s, images: result.images, torch: result.torch };
}

const loadAverage = () => loadavg().map((l) => Number(l.toFixed(2)));

/**
 * `rounds` pairs of (browser, native), one after the other, never at the same time. The browser
 * side is the engine's own training loop in its worker on WASM (batch 64, the same network,
 * optimizer and initialisers), `images` images per round on each side after the warm-up batches.
 */
export async function measureNativeRatio(
  launch: () => Promise<Browser>,
  openBench: OpenBench,
  root: string,
  log: (line: string) => void,
  { rounds = 2, images = 4096 }: { rounds?: number; images?: number } = {},
): Promise<NativeRatioSection> {
  const date = new Date().toISOString();
  const setup = findNativeSetup(root);
  if ('skipped' in setup) {
    log(`native ratio: skipped: ${setup.skipped}`);
    return { date, skipped: setup.skipped };
  }
  const start = loadAverage();
  const browser = await launch();
  try {
    const { page, ready } = await openBench(browser, '?backend=wasm');
    if (ready.backend !== 'wasm') return { date, skipped: `WASM did not start (got ${ready.backend})` };
    const measured: { browser: number; native: number }[] = [];
    let torch = '';
    let nativeImages = 0;
    let details: string | null = null;
    const splits: { split: number; single: number; helperShare: number }[] = [];
    for (let round = 1; round <= rounds; round++) {
      const ours = await page.evaluate((o) => (window as unknown as { playgroundBench: BenchHarness }).playgroundBench.trainThroughput(o), { examples: images + 4 * 64, batchSize: 64, warmupBatches: 2 });
      details = ours.details;
      if (ours.gemmSplit) splits.push(ours.gemmSplit);
      const native = runNative(setup, images);
      torch = native.torch;
      nativeImages = native.images;
      measured.push({ browser: ours.examplesPerSec, native: native.examplesPerSec });
      log(`native ratio, round ${round}/${rounds}: worker (WASM) ${ours.examplesPerSec.toFixed(0)} img/s, PyTorch ${native.examplesPerSec.toFixed(0)} img/s (${(ours.examplesPerSec / native.examplesPerSec).toFixed(2)}×)${ours.gemmSplit ? `, ${ours.gemmSplit.split} kernel calls split (helper ran ${(100 * ours.gemmSplit.helperShare).toFixed(0)}% of their blocks)` : ''}; load ${loadAverage().join(', ')}`);
    }
    const browserMedian = median(measured.map((m) => m.browser));
    const nativeMedian = median(measured.map((m) => m.native));
    return {
      date,
      rounds: measured,
      browserMedian,
      nativeMedian,
      ratio: browserMedian / nativeMedian,
      browserImagesPerRound: images,
      nativeImagesPerRound: nativeImages,
      wasmDetails: details,
      gemmSplit: splits.length > 0 ? { split: splits.reduce((a, s) => a + s.split, 0), single: splits.reduce((a, s) => a + s.single, 0), helperShare: median(splits.map((s) => s.helperShare)) } : null,
      torch,
      loadAverage: { start, end: loadAverage() },
    };
  } finally {
    await browser.close();
  }
}

const busy = (section: NativeRatioSection) => Math.max(section.loadAverage?.start[0] ?? 0, section.loadAverage?.end[0] ?? 0) > cpus().length;

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function nativeMarkdown(section: NativeRatioSection): string[] {
  if (section.skipped || section.ratio === undefined || !section.rounds) return [`**Native ratio** (${section.date.slice(0, 10)}): not measured: ${section.skipped ?? 'no result'}.`];
  return [
    `**Native ratio** (${section.date.slice(0, 10)}): the default CNN (batch 64, Adam) trained in the engine's worker on WebAssembly${section.wasmDetails ? ` (${section.wasmDetails})` : ''} against native PyTorch ${section.torch} on the CPU (the network, initialisers, Adam and data of \`fmnist_cnn_baseline.py\`, 2 threads, timed as it times), on the same cores, interleaved (browser, native, browser, native…): median training images/s of each round, ${fmt(section.browserImagesPerRound ?? NaN)} images per browser round, ${fmt(section.nativeImagesPerRound ?? NaN)} per native round. Load average ${section.loadAverage?.start.join(', ')} at the start, ${section.loadAverage?.end.join(', ')} at the end.`,
    ...(section.gemmSplit ? ['', `WebAssembly's largest matrix products on two threads (the engine's and the gemm helper's): ${fmt(section.gemmSplit.split)} kernel calls split, ${fmt(section.gemmSplit.single)} on one thread; the helper ran ${fmt(100 * section.gemmSplit.helperShare)}% of the split calls' blocks (median of the rounds).`] : []),
    ...(busy(section) ? ['', `The machine was overloaded (load average above its ${cpus().length} cores): native PyTorch's two threads suffer more from that than the browser does, so this ratio says little about a quiet machine.`] : []),
    '',
    '| round | worker (WASM) img/s | PyTorch img/s | ratio |',
    '|---|---|---|---|',
    ...section.rounds.map((r, i) => `| ${i + 1} | ${fmt(r.browser)} | ${fmt(r.native)} | ${fmt(r.browser / r.native, 2)}× |`),
    `| **median** | **${fmt(section.browserMedian ?? NaN)}** | **${fmt(section.nativeMedian ?? NaN)}** | **${fmt(section.ratio, 2)}×** |`,
  ];
}
