/**
 * Splitting a gemm.wat kernel over the engine's thread and a helper worker on the backend's
 * shared memory (tfjs's threaded WASM build, in a cross-origin isolated worker). The kernel asks
 * `gemmParts(backend)` first (2 when a helper is ready, else 1), allocates any per-share scratch
 * (each share needs its own), then `runParts` runs its loop once per share: share 1 recorded as
 * commands and handed to the helper, share 0 run here meanwhile, then one wait. So a kernel call
 * costs one hand-over, whatever the number of products in it.
 *
 * Where no helper can run (Node, the engine on the page where Atomics.wait is not allowed, an
 * unshared memory, a helper that failed to start) everything stays on this thread, as before.
 * The platform installs the starter (src/platform/gemmHelper.ts); tests install a stand-in.
 */
import { backend as activeBackend, getBackend } from '@tensorflow/tfjs';
import { gemmKernels } from '../simd/gemmKernels';
import { backendMemory, pointerOf, simdKernels } from '../simd/simdKernels';
import { allocF32, type BackendWasm, release } from '../wasmBackendAccess';
import { CommandRecorder, type GemmOps, resultsOr } from './gemmCommands';
import { jobInts, type SecondThread, writeJob } from './helperProtocol';
import { SplitChooser } from './splitChooser';

/** Starts a helper on `memory` with gemm.wat's `fused` flavour; null where none can run. */
export type HelperStarter = (memory: WebAssembly.Memory, fused: boolean) => SecondThread | null;

let starter: HelperStarter | null = null;
let current: { memory: WebAssembly.Memory; fused: boolean; thread: SecondThread | null } | null = null;
let splitAllowed = true;
let adaptive = true;
const chooser = new SplitChooser();
/** The choice gemmShares made for the runParts call that follows it (timed there). */
let pending: { key: string; split: boolean } | null = null;
const counts = { split: 0, single: 0, replayed: 0, blocks: 0, blocksHere: 0, ownMs: 0, waitMs: 0 };
export type GemmSplitCounts = typeof counts;

/** Installs (or removes, with null) how helpers start; stops the running one. */
export function setGemmHelperStarter(start: HelperStarter | null): void {
  stopGemmHelper();
  starter = start;
}

/** Stops the helper (the wasm backend is disposed or no longer used); the next split kernel starts a new one. */
export function stopGemmHelper(): void {
  current?.thread?.terminate();
  current = null;
}

/**
 * After a backend switch: on wasm, starts the helper now (it is ready by the first step); on any
 * other backend, stops it (a worker blocked in Atomics.wait costs no CPU, but its memory).
 */
export function followActiveBackend(): void {
  if (getBackend() !== 'wasm') {
    stopGemmHelper();
    return;
  }
  try {
    helperFor(activeBackend() as unknown as BackendWasm);
  } catch {
    // Not tfjs's wasm backend (a test's stand-in under that name): nothing to start.
  }
}

/**
 * Waits until this backend's helper is ready (true) or cannot help (false: none can run here, it
 * failed, or it is not ready after `timeoutMs`). The worker takes ~50–300 ms to start (seconds on a
 * very busy machine: the timeout is long so that the first steps do not run on one thread).
 */
export async function gemmHelperReady(backend: BackendWasm, timeoutMs = 10_000): Promise<boolean> {
  const started = Date.now();
  for (;;) {
    const thread = starter != null ? helperFor(backend) : null;
    if (thread == null || thread.failed()) return false;
    if (thread.ready()) return true;
    if (Date.now() - started > timeoutMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Turns the split off (A/B timings: the same kernels on one thread); on by default. */
export function setGemmSplitAllowed(on: boolean): void {
  splitAllowed = on;
}

/**
 * Kernel calls split over two threads, run on one, and blocks the helper failed (replayed here);
 * of the split calls: their blocks, those this thread ran, the time it spent on blocks and then
 * waiting for the helper's last one.
 */
export function gemmSplitCounts(): GemmSplitCounts {
  return { ...counts };
}

/**
 * How many shares a kernel call should cut its work into: `wanted` (blocks the two threads
 * claim in turn, so that one that falls behind leaves its blocks to the other) when a helper is
 * ready for this backend and splitting is faster for this `key` (a kernel and its shape; see
 * splitChooser.ts), else 1 (everything on this thread, as one block). Call runParts next.
 */
export function gemmShares(backend: BackendWasm, wanted: number, key: string): number {
  const thread = splitAllowed && starter != null ? helperFor(backend) : null;
  if (!thread?.ready() || wanted < 2) return 1;
  if (!adaptive) return wanted;
  const split = chooser.choose(key);
  pending = { key, split };
  return split ? wanted : 1;
}

/** Turns the choice by measured times off (tests: always split when a helper is ready); on by default. */
export function setGemmSplitAdaptive(on: boolean): void {
  adaptive = on;
}

/** Per kernel key, the moving averages of its split and one-thread wall times (ms). */
export function gemmSplitTimes(): Record<string, [number, number]> {
  return chooser.summary();
}

function helperFor(backend: BackendWasm): SecondThread | null {
  const memory = backendMemory(backend);
  const gemm = gemmKernels(backend);
  if (memory == null || gemm == null) return null;
  if (current == null || current.memory !== memory || current.fused !== gemm.fused) {
    stopGemmHelper();
    let thread: SecondThread | null = null;
    try {
      thread = starter!(memory, gemm.fused);
    } catch {
      // A helper that cannot start: this backend trains on one thread.
    }
    current = { memory, fused: gemm.fused, thread };
  }
  return current.thread;
}

/**
 * Runs `work(ops, share)` for share 0 … shares − 1. With a ready helper and shares > 1, every
 * share is recorded as a block of commands and the two threads claim blocks until none is left;
 * else they run here in order. `work` must only call `ops` (no allocation, no other wasm call),
 * shares must write disjoint memory, and a share run twice must give the same result (a block the
 * helper failed is run again here). The caller took `shares` from gemmShares. Returns the
 * bitwise or of the recorded calls' results (maxPoolGrad2x2's flag; calls made directly return theirs to `work`).
 */
export function runParts(backend: BackendWasm, shares: number, work: (ops: GemmOps, share: number) => void): number {
  const timed = pending;
  pending = null;
  if (timed == null) return runShares(backend, shares, work);
  const started = performance.now();
  const result = runShares(backend, shares, work);
  chooser.record(timed.key, timed.split, performance.now() - started);
  return result;
}

function runShares(backend: BackendWasm, shares: number, work: (ops: GemmOps, share: number) => void): number {
  const ops = directOps(backend);
  const thread = shares > 1 ? current?.thread : null;
  if (thread == null || !thread.ready()) {
    counts.single++;
    for (let share = 0; share < shares; share++) work(ops, share);
    return 0;
  }
  const recorder = new CommandRecorder();
  const starts = [0];
  for (let share = 0; share < shares; share++) {
    work(recorder, share);
    starts.push(recorder.count);
  }
  const buffer = allocF32(backend, [jobInts(recorder.count, shares)]);
  try {
    const ptr = pointerOf(backend, buffer);
    const memory = backendMemory(backend)!;
    writeJob(memory, ptr, recorder.commands, recorder.count, starts);
    const t0 = performance.now();
    thread.post(ptr, shares);
    let ownError: unknown = null;
    let ran = 0;
    try {
      ran = thread.help(memory, ops);
    } catch (e) {
      ownError = e;
    }
    const t1 = performance.now();
    // Wait even after an error: the helper must be done with the memory before anything is freed.
    const failed = thread.wait();
    counts.ownMs += t1 - t0;
    counts.waitMs += performance.now() - t1;
    counts.blocksHere += ran;
    counts.blocks += shares;
    if (ownError != null) throw ownError;
    counts.split++;
    if (failed >= 0) {
      counts.replayed++;
      // Given up for this memory: the next kernels stay on one thread.
      thread.terminate();
      if (current != null) current.thread = null;
      work(ops, failed);
    }
    return resultsOr(memory, ptr + (shares + 1) * 4, recorder.count);
  } finally {
    release(backend, buffer);
  }
}

/** This thread's instances as GemmOps (a missing module's ops throw: callers check gemmKernels / simdKernels first). */
function directOps(backend: BackendWasm): GemmOps {
  const gemm = gemmKernels(backend);
  const simd = simdKernels(backend);
  const missing = () => {
    throw new Error('runParts: gemm.wat or kernels.wat is not available');
  };
  return {
    gemm: gemm?.gemm ?? missing,
    im2colTransposedTap: simd?.im2colTransposedTap ?? missing,
    maxPoolGrad2x2: simd?.maxPoolGrad2x2 ?? missing,
    filterGrad3x3SingleChannel: simd?.filterGrad3x3SingleChannel ?? missing,
  };
}

/** [lo, hi) of `total` items (images, rows) for `share` of `parts`: the first share gets the extra one. */
export function shareRange(total: number, parts: number, share: number): [number, number] {
  const base = Math.floor(total / parts);
  const extra = total % parts;
  const lo = share * base + Math.min(share, extra);
  return [lo, lo + base + (share < extra ? 1 : 0)];
}

/**
 * Smallest kernel call worth a hand-over (multiply-adds): a wake-up and a wait cost ~20–100 µs,
 * 2 M multiply-adds ~0.12 ms of gemm.wat. The default CNN's split calls have 13–38 M.
 */
export const MIN_SPLIT_MULTIPLY_ADDS = 2_000_000;

/**
 * Blocks per split kernel call: enough that a thread which falls behind (a busy machine) costs
 * little, few enough that a block's products stay long (default CNN, batch 64: 8 images or rows).
 */
export const SPLIT_BLOCKS = 8;
