/**
 * The default CNN's training step on WASM in headless Chromium with the app's threads (in a
 * worker, as the engine: one XNNPACK thread per logical core and the gemm helper), rounds
 * alternating the modes' order: 'xnnpack' (gemm.wat off), 'gemm' (gemm.wat on the engine's
 * thread only), 'split' (as the app: the big products split with the helper worker where their
 * measured times say so), 'always' (split every time). Each round's wall
 * time per step, the browser's CPU time per image (every Chromium process, from /proc: the rounds
 * include one warm-up step each), the load average, and the split kernel calls counted in the worker.
 *
 *   npx tsx scripts/profile/wasmBrowser.ts [--modes=gemm,split] [--rounds=4] [--steps=30] [--batch=64] [--kernels] [--check] [--port=4362]
 *
 * --check first trains the same 30 steps (same weights, same batches) on one thread and split,
 * prints the largest loss and weight differences, and fails if they are not small.
 *
 * Starts Vite's dev server on --port (the app's headers: COOP/COEP for threads) and stops it.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/browser';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const rounds = Number(arg('rounds', '4'));
const steps = Number(arg('steps', '30'));
const batch = Number(arg('batch', '64'));
const port = Number(arg('port', '4362'));
type Mode = 'xnnpack' | 'gemm' | 'split' | 'always';
const modes = arg('modes', 'gemm,split').split(',') as Mode[];
const root = resolve(import.meta.dirname, '../..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const TICK_S = 0.01; // USER_HZ

/** utime + stime (seconds) of `pid` and all its descendants. */
function treeCpuSeconds(pid: number): number {
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * TICK_S);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended meanwhile.
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    total += cpu.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

type Api = {
  ready(batch: number): Promise<string>;
  run(steps: number, mode: Mode): Promise<number[]>;
  kernels(steps: number, mode: Mode): Promise<[string, number][]>;
  compare(steps: number): Promise<{ steps: number; lossFirst: number; lossLast: number; lossDiff: number; weightDiff: number; weightMax: number; splitCalls: number[] }>;
  times(): Promise<Record<string, [number, number]>>;
  counts(): Promise<{ split: number; single: number; replayed: number; blocks: number; blocksHere: number; ownMs: number; waitMs: number }>;
};

async function main() {
  const server = spawn('npx', ['vite', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: root, stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${port}/`;
  try {
    for (let i = 0; i < 150 && !(await fetch(base).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 200));
    const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    // Chromium's processes descend from this one (so does the idle dev server); this process's own CPU time is left out.
    const browserCpu = () => {
      const own = process.cpuUsage();
      return treeCpuSeconds(process.pid) - (own.user + own.system) / 1e6;
    };
    try {
      const page = await browser.newPage();
      page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
      await page.goto(`${base}scripts/profile/browser/index.html`);
      await page.waitForFunction(() => 'wasmStepProfile' in globalThis, undefined, { timeout: 120_000 });
      const call = <T>(fn: (api: Api, args: [number, Mode]) => Promise<T>, args: [number, Mode]) =>
        page.evaluate(([f, a]) => (new Function('api', 'args', `return (${f})(api, args)`) as (api: unknown, a: unknown) => Promise<unknown>)((globalThis as unknown as { wasmStepProfile: Api }).wasmStepProfile, a), [fn.toString(), args] as const) as Promise<T>;
      console.log(`${await call((api, [b]) => api.ready(b), [batch, 'gemm'])}; batch ${batch}, ${steps} steps per round; load ${load()}`);
      if (process.argv.includes('--check')) {
        const c = await call((api, [s]) => api.compare(s), [30, 'split']);
        console.log(
          `check: ${c.steps} steps, loss ${c.lossFirst.toFixed(4)} → ${c.lossLast.toFixed(4)}; one thread vs split: max |Δloss| ${c.lossDiff.toExponential(2)}, ` +
            `max |Δweight| ${c.weightDiff.toExponential(2)} (max |weight| ${c.weightMax.toFixed(3)}); split calls ${c.splitCalls.join(' vs ')}`,
        );
        if (!(c.splitCalls[0] === 0 && c.splitCalls[1] > 0 && c.lossDiff < 1e-3 && c.weightDiff < 1e-3)) throw new Error('the split training does not match the one-thread training');
      }
      for (let r = 0; r < rounds; r++) {
        for (const mode of r % 2 === 0 ? modes : [...modes].reverse()) {
          const l0 = load();
          const n0 = await call((api) => api.counts(), [0, mode]);
          const c0 = browserCpu();
          const t0 = performance.now();
          const times = await call((api, [s, m]) => api.run(s, m), [steps, mode]);
          const wall = (performance.now() - t0) / 1000;
          const cpu = browserCpu() - c0;
          const n1 = await call((api) => api.counts(), [0, mode]);
          const images = (steps + 1) * batch;
          console.log(
            `${mode.padEnd(7)}: median step ${median(times).toFixed(1)} ms, ${((1000 * batch) / median(times)).toFixed(0)} images/s; ` +
              `${((1000 * cpu) / images).toFixed(3)} CPU ms per image (${(cpu / wall).toFixed(2)} cores busy); ` +
              `kernel calls split ${n1.split - n0.split}, one thread ${n1.single - n0.single}, replayed ${n1.replayed - n0.replayed}` +
              (n1.split > n0.split ? ` (per split call: ${((n1.ownMs - n0.ownMs) / (n1.split - n0.split)).toFixed(2)} ms on blocks, then ${((n1.waitMs - n0.waitMs) / (n1.split - n0.split)).toFixed(2)} ms waiting; ` +
                  `the helper ran ${(100 - (100 * (n1.blocksHere - n0.blocksHere)) / (n1.blocks - n0.blocks)).toFixed(0)}% of the blocks)` : '') +
              `; load ${l0}`,
          );
        }
      }
      console.log('split / one-thread moving averages per kernel (ms):');
      for (const [key, [split, single]] of Object.entries(await call((api) => api.times(), [0, 'split']))) console.log(`  ${split.toFixed(2).padStart(6)} / ${single.toFixed(2).padStart(6)}  ${key}`);
      if (process.argv.includes('--kernels')) {
        for (const mode of modes) {
          console.log(`kernels (wall ms per step, ${mode}):`);
          for (const [name, ms] of await call((api, [s, m]) => api.kernels(s, m), [5, mode])) console.log(`  ${ms.toFixed(2).padStart(6)}  ${name}`);
        }
      }
    } finally {
      await browser.close();
    }
  } finally {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      server.kill();
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
