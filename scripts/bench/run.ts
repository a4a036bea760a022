/**
 * npm run bench [-- --quick] [-- --backends=wasm,webgl] [-- --presets=simple,fast] [-- --no-tta | --tta-only | --lessons-only | --native-only | --gpu-counters-only]
 * Builds the app, serves it locally, and for each backend opens headless Chromium and
 * measures training throughput (ours and the model.fit + fitCallbacks baseline), time to
 * the first batch, dataset load, evaluation, prediction latency, memory and the page's
 * responsiveness while it trains; the same with the engine on the page instead of its worker
 * (automatic backend); then each lesson's experiment (full runs) and each preset's time to
 * accuracy on the automatic backend. --lessons-only measures only the lessons; --native-only
 * only the native ratio (WASM in the worker against native PyTorch, interleaved: native.ts);
 * --gpu-counters-only only the GPU counters (our loop against model.fit on WebGL and WebGPU: gpuCounters.ts).
 * --no-tta / --tta-only keep the other part of bench/results.json from the last run; with
 * --presets=, the other presets keep their time-to-accuracy rows (dated) from the last run, and
 * with --backends= the other backends keep theirs.
 * Writes bench/results.json and bench/results.md, and the tables into the README.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/browser';
import type { BackendMeasurement, BenchHarness } from '../../src/bench/harness';
import { toMarkdown, updateReadme, writePresetTimings, type BenchResults, type TimeToAccuracySection } from './report';
import { measureEngineOnPage, measureTimeToAccuracy, timeToAccuracySizes } from './extraRuns';
import { measureLessons } from './lessonTimes';
import { measureNativeRatio } from './native';
import { measureGpuCounters } from './gpuCounters';
import { PRESET_IDS, type PresetId } from '../../src/ml/model/presets';
import { BACKENDS, sizesFor, type BenchBackend } from './sizes';

const root = resolve(import.meta.dirname, '../..');
const quick = process.argv.includes('--quick');
const ttaOnly = process.argv.includes('--tta-only');
// --lessons-only: only the lessons' run times, keeping everything else from the last run.
const lessonsOnly = process.argv.includes('--lessons-only');
const noTta = process.argv.includes('--no-tta');
// --native-only: only the native ratio, keeping everything else from the last run.
const nativeOnly = process.argv.includes('--native-only');
// --gpu-counters-only: only the GPU counters, keeping everything else from the last run.
const countersOnly = process.argv.includes('--gpu-counters-only');
/** One section alone, keeping the others from the last run. */
const sectionOnly = nativeOnly || countersOnly;
const presetsArg = process.argv.find((a) => a.startsWith('--presets='))?.split('=')[1].split(',');
const only = process.argv.find((a) => a.startsWith('--backends='))?.split('=')[1].split(',');
// The plain CPU backend needs minutes even for tiny runs: only in full runs or when asked for.
const backends = (only ?? BACKENDS.filter((b) => !(quick && b === 'cpu'))) as BenchBackend[];
const PORT = Number(process.env.BENCH_PORT ?? 4471);
const BASE = `http://127.0.0.1:${PORT}/`;
const DIST = 'bench/.tmp/dist';
const log = (line: string) => console.log(`[bench] ${line}`);

/** Ends the preview server and its children (npx spawns vite as a child). */
function stop(server: ReturnType<typeof spawn>) {
  try {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  } catch {
    server.kill();
  }
}

async function serve() {
  const build = spawnSync('npx', ['vite', 'build', '--config', 'vite.bench.config.ts', '--outDir', DIST, '--emptyOutDir', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
  const server = spawn('npx', ['vite', 'preview', '--config', 'vite.bench.config.ts', '--outDir', DIST, '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { cwd: root, stdio: 'ignore', detached: true });
  for (let i = 0; i < 100; i++) {
    const up = await fetch(BASE).then((r) => r.ok, () => false);
    if (up) return server;
    await new Promise((r) => setTimeout(r, 200));
  }
  stop(server);
  throw new Error('vite preview did not start');
}

async function openBench(browser: Browser, query: string, initScript?: () => void) {
  const page = await browser.newPage();
  if (initScript) await page.addInitScript(initScript);
  page.on('console', (message) => {
    if (message.text().startsWith('[bench]')) log(message.text().slice(8));
  });
  // The harness is installed only when this flag is set before the page's scripts run, so no link can reach it.
  await page.addInitScript(() => {
    (window as unknown as { __PLAYGROUND_BENCH__: boolean }).__PLAYGROUND_BENCH__ = true;
  });
  await page.goto(`${BASE}${query}`);
  await page.waitForFunction(() => 'playgroundBench' in window, undefined, { timeout: 60_000 });
  const ready = await page.evaluate(() => (window as unknown as { playgroundBench: BenchHarness }).playgroundBench.ready());
  return { page, ready };
}

type BaselinePage = { ready(): Promise<string>; measure(o: { examples: number; batchSize: number; warmupBatches: number }): Promise<{ backend: string; examplesPerSec: number }> };

/** model.fit + tfjs-vis fitCallbacks on bench/baseline.html, same model, data and backend. */
async function measureBaseline(browser: Browser, backend: BenchBackend, options: ReturnType<typeof sizesFor>): Promise<number> {
  const page = await browser.newPage();
  await page.goto(`${BASE}bench/baseline.html?backend=${backend}`);
  await page.waitForFunction(() => 'baselineBench' in window, undefined, { timeout: 60_000 });
  const active = await page.evaluate(() => (window as unknown as { baselineBench: BaselinePage }).baselineBench.ready());
  if (active !== backend) throw new Error(`baseline page: ${backend} did not start (got ${active})`);
  const result = await page.evaluate(
    (o) => (window as unknown as { baselineBench: BaselinePage }).baselineBench.measure(o),
    { examples: options.baselineExamples, batchSize: options.batchSize, warmupBatches: options.warmupBatches },
  );
  await page.close();
  return result.examplesPerSec;
}

const loadAverage = () => loadavg().map((l) => Number(l.toFixed(2)));

async function previousResults(): Promise<BenchResults | null> {
  try {
    return JSON.parse(await readFile(join(root, 'bench/results.json'), 'utf8')) as BenchResults;
  } catch {
    return null;
  }
}

/** One row per backend, and the engine-on-the-page row for the automatic backend. */
async function measureBackends(launch: () => Promise<Browser>, results: BenchResults): Promise<void> {
  for (const backend of backends) {
    const browser = await launch();
    const started = Date.now();
    try {
      const { page, ready } = await openBench(browser, `?backend=${backend}`);
      if (ready.backend !== backend) throw new Error(`${backend} did not start (got ${ready.backend})`);
      const options = sizesFor(backend, quick);
      log(`${backend}: measuring (${options.trainExamples} training examples)…`);
      const m: BackendMeasurement = await page.evaluate((o) => (window as unknown as { playgroundBench: BenchHarness }).playgroundBench.measure(o), options);
      await page.close();
      const baseline = await measureBaseline(browser, backend, options);
      results.backends[backend] = {
        ...m,
        baselineExamplesPerSec: baseline,
        baselineRatio: m.trainExamplesPerSec / baseline,
        evalImagesMeasured: m.evalImages,
        evalMs: (m.evalMs * 10000) / m.evalImages,
      };
      log(`${backend}: ${m.trainExamplesPerSec.toFixed(1)} ex/s, baseline ${baseline.toFixed(1)} ex/s, first batch ${m.firstBatchMs.toFixed(0)} ms (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      if (backend === results.autoBackend) {
        log(`${backend}: the same with the engine on the page…`);
        const onPage = await measureEngineOnPage(browser, openBench, backend, options);
        results.pageEngine = { ...onPage, evalImagesMeasured: onPage.evalImages, evalMs: (onPage.evalMs * 10000) / onPage.evalImages, workerRatio: m.trainExamplesPerSec / onPage.trainExamplesPerSec };
        log(`${backend} on the page: ${onPage.trainExamplesPerSec.toFixed(1)} ex/s (worker ${(m.trainExamplesPerSec / onPage.trainExamplesPerSec).toFixed(2)}×), longest task ${onPage.longestTaskMs} ms`);
      }
    } catch (error) {
      results.backends[backend] = { error: (error as Error).message.split('\n')[0] };
      log(`${backend}: ${(error as Error).message.split('\n')[0]}`);
    } finally {
      await browser.close();
    }
  }
}

async function main() {
  const server = await serve();
  const executablePath = findChromium();
  // WebGPU is behind a flag on Linux; with it, Chromium offers a (software) adapter.
  const launch = () => chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] });
  const previous = ttaOnly || noTta || only || presetsArg || lessonsOnly || sectionOnly ? await previousResults() : null;
  const results: BenchResults = {
    date: new Date().toISOString(),
    quick,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}`, gpu: 'no GPU (WebGL/WebGPU via SwiftShader)', loadAverage: { start: loadAverage(), end: [] } },
    browser: '',
    autoBackend: null,
    backends: {},
  };
  try {
    const probe = await launch();
    results.browser = `Chromium ${probe.version()}`;
    const auto = await openBench(probe, '');
    results.autoBackend = auto.ready.backend;
    results.probe = auto.ready.probe;
    log(`automatic choice: ${auto.ready.backend} (WebGL renderer: ${auto.ready.renderer ?? 'none'})${auto.ready.probe ? `; probe (${auto.ready.probe.ms.toFixed(0)} ms): ${auto.ready.probe.reason}` : ''}`);
    if (auto.ready.renderer) results.machine.gpu = `WebGL renderer: ${auto.ready.renderer}`;
    await probe.close();

    if (sectionOnly) {
      // The other sections (and their dates) stay as the last run left them.
      if (previous) Object.assign(results, { ...previous, autoBackend: results.autoBackend, probe: results.probe });
      if (nativeOnly) results.native = await measureNativeRatio(launch, openBench, root, log);
      if (countersOnly) results.gpuCounters = await measureGpuCounters(launch, openBench, log);
    } else if (lessonsOnly && previous) Object.assign(results, { ...previous, lessons: undefined });
    else if (ttaOnly && previous) Object.assign(results, { ...previous, timeToAccuracy: undefined });
    else {
      await measureBackends(launch, results);
      keepUnmeasuredBackends(previous, results);
    }

    const everything = !sectionOnly && !quick && !ttaOnly && !lessonsOnly && !only;
    if (everything) {
      results.gpuCounters = await measureGpuCounters(launch, openBench, log);
      results.native = await measureNativeRatio(launch, openBench, root, log);
    } else if (!sectionOnly) {
      results.gpuCounters = previous?.gpuCounters;
      results.native = previous?.native;
    }

    if (sectionOnly) {
      // Everything else was kept from the last run.
    } else if (results.autoBackend && !quick && !ttaOnly) {
      const started = new Date().toISOString();
      const loadBefore = loadAverage();
      log(`lessons on ${results.autoBackend}`);
      const lessons = await measureLessons(launch, openBench, results.autoBackend, log);
      results.lessons = { date: started, backend: results.autoBackend, loadAverage: { start: loadBefore, end: loadAverage() }, lessons };
    }
    if (lessonsOnly || sectionOnly) {
      // Everything else was kept from the last run.
    } else if (noTta) results.timeToAccuracy = previous?.timeToAccuracy;
    else if (results.autoBackend) {
      const sizes = timeToAccuracySizes(quick);
      const started = new Date().toISOString();
      const loadBefore = loadAverage();
      log(`time to accuracy on ${results.autoBackend}: ${sizes.trainSize} training images, ${sizes.testSize} test images, at most ${sizes.capSeconds} s of training per preset`);
      const presets = await measureTimeToAccuracy(launch, openBench, results.autoBackend, sizes, (presetsArg as PresetId[] | undefined) ?? PRESET_IDS, log);
      results.timeToAccuracy = {
        date: started,
        quick,
        backend: results.autoBackend,
        ...sizes,
        loadAverage: { start: loadBefore, end: loadAverage() },
        presets: mergePresetRows(previous?.timeToAccuracy, presets, started, quick),
      };
    }
  } finally {
    stop(server);
  }
  // A section measured alone has its own load averages; the kept rows keep theirs.
  if (!sectionOnly) results.machine.loadAverage = { start: results.machine.loadAverage?.start ?? [], end: loadAverage() };
  await mkdir(join(root, 'bench'), { recursive: true });
  await writeFile(join(root, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  const markdown = toMarkdown(results);
  await writeFile(join(root, 'bench/results.md'), markdown);
  const inReadme = await updateReadme(join(root, 'README.md'), markdown);
  if (results.timeToAccuracy && !results.timeToAccuracy.quick) await writePresetTimings(join(root, 'src/ml/model/presetTimings.json'), results.timeToAccuracy, results.machine);
  console.log('\n' + markdown);
  log(`wrote bench/results.json, bench/results.md${inReadme ? ' and the README tables' : ''}`);
}

/**
 * With --backends=, the backends not measured this time keep their rows from the last run of
 * the same kind (full or quick), each saying when it was measured.
 */
function keepUnmeasuredBackends(previous: BenchResults | null, results: BenchResults): void {
  if (!only || previous == null || previous.quick !== results.quick) return;
  const kept = Object.entries(previous.backends).filter(([name]) => !(backends as string[]).includes(name));
  for (const [name, row] of kept) results.backends[name] = 'error' in row ? row : { ...row, measuredAt: row.measuredAt ?? previous.date };
}

/**
 * With --presets=, the presets not measured this time keep their rows from the last full run
 * (each row says when it was measured); a quick run never mixes with a full one.
 */
function mergePresetRows(
  previous: TimeToAccuracySection | undefined,
  measured: TimeToAccuracySection['presets'],
  started: string,
  quick: boolean,
): TimeToAccuracySection['presets'] {
  const stamped = Object.fromEntries(Object.entries(measured).map(([id, r]) => [id, 'error' in r ? r : { ...r, measuredAt: started }]));
  if (!presetsArg || previous == null || previous.quick !== quick) return stamped;
  const kept = Object.fromEntries(
    Object.entries(previous.presets).map(([id, r]) => [id, 'error' in r ? r : { ...r, measuredAt: r.measuredAt ?? previous.date }]),
  );
  const merged = { ...kept, ...stamped };
  return Object.fromEntries(PRESET_IDS.filter((id) => id in merged).map((id) => [id, merged[id]]));
}

main().catch((error: unknown) => {
  console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
