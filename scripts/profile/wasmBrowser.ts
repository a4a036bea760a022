/**
 * The default CNN's training step on WASM in headless Chromium with the app's threads (one
 * XNNPACK thread per logical core, as in the engine's worker), alternating rounds with
 * simd/gemm.wat on and off, each round's wall time per step, the browser's CPU time per image
 * (every Chromium process, from /proc: the rounds include one warm-up step each) and the load average.
 *
 *   npx tsx scripts/profile/wasmBrowser.ts [--rounds=4] [--steps=30] [--batch=64] [--kernels] [--port=4362]
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
  run(steps: number, gemm: boolean): Promise<number[]>;
  kernels(steps: number, gemm: boolean): Promise<[string, number][]>;
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
      const call = <T>(fn: (api: Api, args: [number, boolean]) => Promise<T>, args: [number, boolean]) =>
        page.evaluate(([f, a]) => (new Function('api', 'args', `return (${f})(api, args)`) as (api: unknown, a: unknown) => Promise<unknown>)((globalThis as unknown as { wasmStepProfile: Api }).wasmStepProfile, a), [fn.toString(), args] as const) as Promise<T>;
      console.log(`${await call((api, [b]) => api.ready(b), [batch, true])}; batch ${batch}, ${steps} steps per round; load ${load()}`);
      for (let r = 0; r < rounds; r++) {
        for (const gemm of r % 2 === 0 ? [false, true] : [true, false]) {
          const l0 = load();
          const c0 = browserCpu();
          const t0 = performance.now();
          const times = await call((api, [s, g]) => api.run(s, g), [steps, gemm]);
          const wall = (performance.now() - t0) / 1000;
          const cpu = browserCpu() - c0;
          const images = (steps + 1) * batch;
          console.log(
            `${gemm ? 'gemm.wat' : 'XNNPACK '}: median step ${median(times).toFixed(1)} ms, ${((1000 * batch) / median(times)).toFixed(0)} images/s; ` +
              `${((1000 * cpu) / images).toFixed(3)} CPU ms per image (${(cpu / wall).toFixed(2)} cores busy); load ${l0}`,
          );
        }
      }
      if (process.argv.includes('--kernels')) {
        for (const gemm of [false, true]) {
          console.log(`kernels (wall ms per step, ${gemm ? 'gemm.wat' : 'XNNPACK'}):`);
          for (const [name, ms] of await call((api, [s, g]) => api.kernels(s, g), [5, gemm])) console.log(`  ${ms.toFixed(2).padStart(6)}  ${name}`);
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
