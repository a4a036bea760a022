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
import { gemmKernels } from '../simd/gemmKernels';
import { backendMemory, pointerOf, simdKernels } from '../simd/simdKernels';
import { allocF32, type BackendWasm, release } from '../wasmBackendAccess';
import { COMMAND_INTS, CommandRecorder, type GemmOps, runCommands } from './gemmCommands';
import type { SecondThread } from './helperProtocol';

/** Starts a helper on `memory` with gemm.wat's `fused` flavour; null where none can run. */
export type HelperStarter = (memory: WebAssembly.Memory, fused: boolean) => SecondThread | null;

let starter: HelperStarter | null = null;
let current: { memory: WebAssembly.Memory; fused: boolean; thread: SecondThread | null } | null = null;
let splitAllowed = true;
const counts = { split: 0, single: 0, replayed: 0 };

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

/** Turns the split off (A/B timings: the same kernels on one thread); on by default. */
export function setGemmSplitAllowed(on: boolean): void {
  splitAllowed = on;
}

/** Kernel calls split over two threads, run on one, and shares the helper failed (replayed here). */
export function gemmSplitCounts(): { split: number; single: number; replayed: number } {
  return { ...counts };
}

/** 2 when this backend's kernels can hand a share to a ready helper now, else 1. */
export function gemmParts(backend: BackendWasm): 1 | 2 {
  const thread = splitAllowed && starter != null ? helperFor(backend) : null;
  return thread?.ready() ? 2 : 1;
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
 * Runs `work(ops, share)` for share 0 … parts − 1: with parts = 2, share 1 on the helper and
 * share 0 here at the same time. `work` must only call `ops` (no allocation, no other wasm
 * call) and its shares must write disjoint memory. The caller has checked gemmParts.
 */
export function runParts(backend: BackendWasm, parts: 1 | 2, work: (ops: GemmOps, share: number) => void): void {
  const ops = directOps(backend);
  const thread = parts === 2 ? current?.thread : null;
  if (thread == null || !thread.ready()) {
    counts.single++;
    for (let share = 0; share < parts; share++) work(ops, share);
    return;
  }
  const recorder = new CommandRecorder();
  work(recorder, 1);
  if (recorder.count === 0) {
    counts.single++;
    work(ops, 0);
    return;
  }
  const buffer = allocF32(backend, [recorder.count * COMMAND_INTS]);
  try {
    const ptr = pointerOf(backend, buffer);
    const memory = backendMemory(backend)!;
    new Int32Array(memory.buffer, ptr, recorder.count * COMMAND_INTS).set(recorder.commands.subarray(0, recorder.count * COMMAND_INTS));
    thread.post(ptr, recorder.count);
    let ownError: unknown = null;
    try {
      work(ops, 0);
    } catch (e) {
      ownError = e;
    }
    // Wait even after an error: the helper must be done with the memory before anything is freed.
    const helped = thread.wait();
    if (ownError != null) throw ownError;
    if (helped) {
      counts.split++;
    } else {
      counts.replayed++;
      // Given up for this memory: the next kernels stay on one thread.
      thread.terminate();
      if (current != null) current.thread = null;
      runCommands(memory, ptr, recorder.count, ops);
    }
  } finally {
    release(backend, buffer);
  }
}

/** This thread's instances as GemmOps (the tap throws where kernels.wat is missing: callers check simdKernels first). */
function directOps(backend: BackendWasm): GemmOps {
  const gemm = gemmKernels(backend);
  if (gemm == null) throw new Error('runParts needs gemm.wat');
  const simd = simdKernels(backend);
  return {
    gemm: gemm.gemm,
    im2colTransposedTap: simd?.im2colTransposedTap ?? (() => {
      throw new Error('runParts: kernels.wat is not available');
    }),
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
