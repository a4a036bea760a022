/**
 * Training speed on the WASM backend in Node (one thread), per preset, with a per-kernel
 * breakdown of one step. Uses the app's own training step (trainStep.ts), so augmentation,
 * dropout and the L2 penalty cost what they cost in the app.
 *
 *   npx tsx scripts/profile/wasmTraining.ts [--preset=simple] [--batch=64] [--steps=30] [--runs=5] [--kernels]
 *     [--calls=Identity,Add]   (with --kernels: each call of these kernels in one step, with shapes)
 *     [--simd=off]             (without the SIMD kernels of src/ml/backends/wasm/simd, for A/B runs)
 *     [--fused=off]            (gemm.wat without relaxed SIMD's fused multiply-add)
 *     [--cpu-kernels]          (this process's CPU time per kernel call and shape, summed over
 *                               the timed steps: steadier than --kernels' wall times on a busy machine)
 *
 * Prints the median step time (wall and this process's CPU time: WASM runs on one thread in
 * Node, so on a busy shared machine CPU time is the steadier figure) and examples/s of each
 * run and the median over runs; with
 * --kernels, the summed time of each kernel over a few profiled steps (ms per step).
 * The machine is shared: report medians and the load average printed at start and end.
 */
// Relaxed SIMD (gemm.wat's fused multiply-add) as in browsers; Node 20 has it behind a flag.
import '../../src/test-support/relaxedSimd';
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from '../../src/ml/backends/wasm/registerWasmTrainingKernels';
import { setFusedGemmAllowed } from '../../src/ml/backends/wasm/simd/gemmKernels';
import { setSimdKernelsEnabled } from '../../src/ml/backends/wasm/simd/simdKernels';
import { presetStepSetup } from './presetStep';

import { PRESET_IDS, presetById, type PresetId } from '../../src/ml/model/presets';
import { createRng } from '../../src/ml/random';
import { trainStep } from '../../src/ml/training/trainStep';
import { loadRealSubset } from '../../src/test-support/realData';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const presetId = arg('preset', 'simple') as PresetId;
if (!PRESET_IDS.includes(presetId)) throw new Error(`--preset must be one of ${PRESET_IDS.join(', ')}`);
const batchSize = Number(arg('batch', '64'));
const steps = Number(arg('steps', '30'));
const runs = Number(arg('runs', '5'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/**
 * Wraps every wasm kernel so that each top-level call adds this process's CPU time to `totals`
 * under its name and input shapes (a kernel calling another one counts once, as the caller).
 */
function timeKernelsOnCpu(totals: Map<string, number>): void {
  let depth = 0;
  for (const config of tf.getKernelsForBackend('wasm')) {
    const inner = config.kernelFunc;
    tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel({
      ...config,
      kernelFunc: (args) => {
        if (depth > 0) return inner(args);
        depth++;
        const c0 = process.cpuUsage();
        try {
          return inner(args);
        } finally {
          const c = process.cpuUsage(c0);
          depth--;
          const key = `${config.kernelName} ${Object.values(args.inputs).filter((t) => t != null).map((t) => `[${t!.shape}]`).join(' ')}`;
          totals.set(key, (totals.get(key) ?? 0) + (c.user + c.system) / 1000);
        }
      },
    });
  }
}

async function main() {
  registerWasmTrainingKernels();
  const cpuTotals = new Map<string, number>();
  if (process.argv.includes('--cpu-kernels')) timeKernelsOnCpu(cpuTotals);
  setSimdKernelsEnabled(arg('simd', 'on') !== 'off');
  setFusedGemmAllowed(arg('fused', 'on') !== 'off');
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend did not start');
  await tf.ready();
  const preset = presetById(presetId);
  const data = loadRealSubset('train', 5000);
  const setup = presetStepSetup(preset);
  const { model, optimizer } = setup;
  const rng = createRng(3);
  const batch = () => Int32Array.from({ length: batchSize }, () => Math.floor(rng() * 5000));
  const step = async () => {
    const out = trainStep(setup, data.images, data.labels, batch());
    await out.data();
    out.dispose();
  };
  console.log(`preset ${presetId}, batch ${batchSize}, ${steps} steps × ${runs} runs; load ${load()}`);
  for (let i = 0; i < 3; i++) await step();

  const perRun: number[] = [];
  const perRunCpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let s = 0; s < steps; s++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await step();
      const c = process.cpuUsage(c0);
      cpuTimes.push((c.user + c.system) / 1000);
      times.push(performance.now() - t0);
    }
    const ms = median(times);
    const cpuMs = median(cpuTimes);
    perRun.push((1000 * batchSize) / ms);
    perRunCpu.push((1000 * batchSize) / cpuMs);
    console.log(`run ${r + 1}: median step ${ms.toFixed(1)} ms (${cpuMs.toFixed(1)} ms CPU), ${perRun[r].toFixed(0)} examples/s (${perRunCpu[r].toFixed(0)} per CPU second)`);
  }
  console.log(`median over runs: ${median(perRun).toFixed(0)} examples/s, ${median(perRunCpu).toFixed(0)} per CPU second; load ${load()}`);
  if (cpuTotals.size > 0) {
    const timed = 3 + steps * runs;
    const rows = [...cpuTotals].sort((a, b) => b[1] - a[1]);
    const sum = rows.reduce((s, [, ms]) => s + ms, 0);
    console.log(`kernel CPU ms per step, by input shapes (sum ${(sum / timed).toFixed(1)}):`);
    for (const [key, ms] of rows.slice(0, 25)) console.log(`  ${(ms / timed).toFixed(2).padStart(6)}  ${key}`);
  }

  if (process.argv.includes('--kernels')) {
    const profiled = 5;
    const totals = new Map<string, number>();
    for (let s = 0; s < profiled; s++) {
      const info = await tf.profile(async () => {
        const out = trainStep(setup, data.images, data.labels, batch());
        await out.data();
        return out;
      });
      for (const k of info.kernels) totals.set(k.name, (totals.get(k.name) ?? 0) + (k.kernelTimeMs as number));
      if (s === 0) {
        const wanted = arg('calls', '').split(',');
        for (const k of info.kernels.filter((k) => wanted.includes(k.name))) {
          console.log(`  call ${k.name} in ${JSON.stringify(k.inputShapes)} out ${JSON.stringify(k.outputShapes)} ${(k.kernelTimeMs as number).toFixed(2)} ms`);
        }
      }
      tf.dispose(info.result as tf.Tensor);
    }
    const rows = [...totals].sort((a, b) => b[1] - a[1]);
    const sum = rows.reduce((s, [, ms]) => s + ms, 0);
    console.log(`kernels, ms per step (sum ${(sum / profiled).toFixed(1)}):`);
    for (const [name, ms] of rows.slice(0, 20)) console.log(`  ${name.padEnd(28)} ${(ms / profiled).toFixed(2)}`);
  }
  model.dispose();
  optimizer.dispose();

}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
