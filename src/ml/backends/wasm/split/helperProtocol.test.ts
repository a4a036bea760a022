/**
 * The hand-over protocol with a real second thread (worker_threads running helperProtocol.ts's
 * serveCommands on a shared WebAssembly.Memory, as the browser's gemm helper): many jobs of gemm
 * blocks in a row, each block claimed once by one of the two threads, every product right, and
 * the helper ends when stopped.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { GEMM_ZERO, instantiateGemm } from '../simd/gemmKernels';
import { instantiateSimdKernels } from '../simd/simdKernels';
import { CommandRecorder, opsOf } from './gemmCommands';
import { atomicsSecondThread, jobInts, newControlBlock, writeJob } from './helperProtocol';

describe('the gemm helper protocol across two real threads', () => {
  it('shares every job’s blocks between the threads and gets every product right', async () => {
    const memory = new WebAssembly.Memory({ initial: 64, maximum: 256, shared: true });
    const control = newControlBlock();
    // The worker's TypeScript goes through tsx's loader, registered in the worker before it imports the file.
    const script = new URL('../../../../test-support/gemmHelperThread.ts', import.meta.url).href;
    const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
    const boot = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(script)}); });`;
    const worker = new Worker(boot, { eval: true, workerData: { memory, control: control.buffer } });
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    const thread = atomicsSecondThread(control, () => undefined);
    const ops = opsOf(instantiateGemm(memory, false)!, instantiateSimdKernels(memory)!);
    for (let i = 0; i < 500 && !thread.ready(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(thread.ready()).toBe(true);

    // C [64, 16] = A [64, 32] · B [32, 16] in 8 blocks of 8 rows, a new A every job.
    const [m, k, n, blocks] = [64, 32, 16, 8];
    const [aPtr, bPtr, cPtr, jobPtr] = [0, 64 * 32 * 4, 2 * 64 * 32 * 4, 4 * 64 * 32 * 4];
    const f32 = () => new Float32Array(memory.buffer);
    for (let i = 0; i < k * n; i++) f32()[bPtr / 4 + i] = ((i * 7) % 11) - 5;
    let here = 0;
    const jobs = 200;
    for (let job = 0; job < jobs; job++) {
      for (let i = 0; i < m * k; i++) f32()[aPtr / 4 + i] = ((i * 13 + job) % 17) - 8;
      f32().fill(NaN, cPtr / 4, cPtr / 4 + m * n);
      const recorder = new CommandRecorder();
      const starts = [0];
      for (let b = 0; b < blocks; b++) {
        recorder.gemm(aPtr + b * 8 * k * 4, k, bPtr, n, cPtr + b * 8 * n * 4, n, 8, n, k, GEMM_ZERO, 0, 0);
        starts.push(recorder.count);
      }
      expect(jobInts(recorder.count, blocks) * 4).toBeLessThan(64 * 65536 - jobPtr);
      writeJob(memory, jobPtr, recorder.commands, recorder.count, starts);
      thread.post(jobPtr, blocks);
      here += thread.help(memory, ops);
      expect(thread.wait()).toBe(-1);
      const c = f32();
      for (let r = 0; r < m; r++) {
        for (let col = 0; col < n; col++) {
          let sum = 0;
          for (let t = 0; t < k; t++) sum += c[aPtr / 4 + r * k + t] * c[bPtr / 4 + t * n + col];
          if (c[cPtr / 4 + r * n + col] !== sum) throw new Error(`job ${job}: C[${r}, ${col}] = ${c[cPtr / 4 + r * n + col]}, expected ${sum}`);
        }
      }
    }
    // Both threads took blocks (the engine cannot have taken all 1,600: the helper is awake and claiming).
    expect(here).toBeGreaterThan(0);
    expect(here).toBeLessThan(jobs * blocks);
    thread.terminate();
    await exited;
  }, 60_000);
});
