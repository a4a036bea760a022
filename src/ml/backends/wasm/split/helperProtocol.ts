/**
 * The hand-over between the engine's thread and the gemm helper worker: a control block of
 * CONTROL_INTS int32 on a SharedArrayBuffer and Atomics (no messages: the engine is inside a
 * kernel, its event loop cannot run). A job is a kernel call's work as `blocks` blocks of
 * recorded commands (gemmCommands.ts) in the backend's memory; both threads claim blocks from
 * one counter until none is left, so a helper that wakes late (a busy machine) leaves its blocks
 * to the engine instead of making it wait, and a slow engine leaves its blocks to the helper.
 *
 *   engine: postJob (commands, block table, counter = job·2¹⁶), notify; work on blocks; wait
 *           until FINISHED = blocks
 *   helper: wait while JOB = the last job seen; work on blocks of that job; wait again
 *
 * The counter carries the job's number, so a helper that wakes after its job was done (and the
 * engine posted the next) claims nothing with the old job's pointers. Both ends live here so that
 * tests can drive them; the browser's worker entry is src/platform/gemmHelperWorker.ts.
 */
import { COMMAND_INTS, type GemmOps, runCommands } from './gemmCommands';

export const CONTROL_INTS = 8;
const JOB = 0;
const NEXT = 1;
const FINISHED = 2;
const PTR = 3;
const BLOCKS = 4;
const STATUS = 5;
const FAILED_BLOCK = 6;
export const STATUS_STARTING = 0;
export const STATUS_READY = 1;
export const STATUS_FAILED = 2;
export const STATUS_STOPPED = 3;

/** The engine's side of a second thread. */
export interface SecondThread {
  /** True once the helper has its instances and waits for work. */
  ready(): boolean;
  /** True when it could not start or failed a block (it never becomes ready again). */
  failed(): boolean;
  /** Publishes a job: `blocks` blocks of commands at byte offset `ptr` (see writeJob), and wakes the helper. */
  post(ptr: number, blocks: number): void;
  /** Claims and runs blocks of the posted job on this thread until none is left; returns how many it ran. */
  help(memory: WebAssembly.Memory, ops: GemmOps): number;
  /** Blocks until every block is done; the block the helper failed (run it here), or −1. */
  wait(): number;
  /** Stops the helper (the backend's memory is gone, or another backend took over). */
  terminate(): void;
}

/** Ints a job of `count` commands in `blocks` blocks takes in memory: blocks + 1 block starts, then the commands. */
export function jobInts(count: number, blocks: number): number {
  return blocks + 1 + count * COMMAND_INTS;
}

/**
 * Writes a job at byte offset `ptr`: the table of block starts [blocks + 1] (command indices,
 * the last = count), then the commands [count·COMMAND_INTS].
 */
export function writeJob(memory: WebAssembly.Memory, ptr: number, commands: Int32Array, count: number, starts: number[]): void {
  const view = new Int32Array(memory.buffer, ptr, jobInts(count, starts.length - 1));
  view.set(starts);
  view.set(commands.subarray(0, count * COMMAND_INTS), starts.length);
}

export function newControlBlock(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(CONTROL_INTS * 4));
}

/** Longest wait for a job before the helper is given up for dead (a job takes ~1–10 ms). */
const GIVE_UP_MS = 30_000;

/** The job number last posted on `control` (for a stand-in helper in tests). */
export function currentJob(control: Int32Array): number {
  return Atomics.load(control, JOB);
}

/** The engine's side over a control block whose helper `stop` ends. */
export function atomicsSecondThread(control: Int32Array, stop: () => void): SecondThread {
  return {
    ready: () => Atomics.load(control, STATUS) === STATUS_READY,
    failed: () => Atomics.load(control, STATUS) === STATUS_FAILED,
    post(ptr, blocks) {
      const job = (Atomics.load(control, JOB) + 1) & 0x7fff;
      Atomics.store(control, FINISHED, 0);
      Atomics.store(control, FAILED_BLOCK, -1);
      Atomics.store(control, PTR, ptr);
      Atomics.store(control, BLOCKS, blocks);
      Atomics.store(control, NEXT, job << 16);
      Atomics.store(control, JOB, job);
      Atomics.notify(control, JOB);
    },
    help: (memory, ops) => workOnJob(memory, control, Atomics.load(control, JOB), ops),
    wait() {
      const blocks = Atomics.load(control, BLOCKS);
      const start = Date.now();
      for (;;) {
        const finished = Atomics.load(control, FINISHED);
        if (finished >= blocks) return Atomics.load(control, FAILED_BLOCK);
        if (Date.now() - start > GIVE_UP_MS) throw new Error('the gemm helper stopped in the middle of a job');
        Atomics.wait(control, FINISHED, finished, 1000);
      }
    },
    terminate() {
      Atomics.store(control, STATUS, STATUS_STOPPED);
      Atomics.store(control, JOB, -1);
      Atomics.notify(control, JOB);
      stop();
    },
  };
}

/** Marks a helper ready: it has its instances and serves jobs. */
export function markHelperReady(control: Int32Array): void {
  Atomics.store(control, STATUS, STATUS_READY);
}

/** Marks a helper that could not start (no SIMD, a memory it cannot import): the engine stays on one thread. */
export function reportHelperFailed(control: Int32Array): void {
  Atomics.store(control, STATUS, STATUS_FAILED);
}

/** Claims the next block of `job`, or −1 when none is left (or the job is no longer the current one). */
function claimBlock(control: Int32Array, job: number): number {
  for (;;) {
    const word = Atomics.load(control, NEXT);
    const block = word & 0xffff;
    if (word >>> 16 !== job || block >= Atomics.load(control, BLOCKS)) return -1;
    if (Atomics.compareExchange(control, NEXT, word, word + 1) === word) return block;
  }
}

/**
 * Runs blocks of `job` until none is left; returns how many. A block that throws is reported
 * (FAILED_BLOCK, STATUS_FAILED) and still counted as finished, so the engine never waits forever.
 */
export function workOnJob(memory: WebAssembly.Memory, control: Int32Array, job: number, ops: GemmOps, maxBlocks = Infinity): number {
  let ran = 0;
  for (let block = ran < maxBlocks ? claimBlock(control, job) : -1; block >= 0; block = ran < maxBlocks ? claimBlock(control, job) : -1) {
    try {
      const ptr = Atomics.load(control, PTR);
      const blocks = Atomics.load(control, BLOCKS);
      // A fresh view: the memory may have grown since the last job.
      const table = new Int32Array(memory.buffer, ptr, blocks + 1);
      const commands = ptr + (blocks + 1) * 4;
      runCommands(memory, commands + table[block] * COMMAND_INTS * 4, table[block + 1] - table[block], ops);
    } catch {
      Atomics.store(control, FAILED_BLOCK, block);
      Atomics.store(control, STATUS, STATUS_FAILED);
    }
    ran++;
    Atomics.add(control, FINISHED, 1);
    Atomics.notify(control, FINISHED);
  }
  return ran;
}

/** The helper's loop (in its worker): serves jobs until the engine stops it or a block fails. */
export function serveCommands(memory: WebAssembly.Memory, control: Int32Array, ops: GemmOps): void {
  let seen = Atomics.load(control, JOB);
  markHelperReady(control);
  for (;;) {
    Atomics.wait(control, JOB, seen);
    const job = Atomics.load(control, JOB);
    if (job < 0 || Atomics.load(control, STATUS) === STATUS_STOPPED) return;
    if (job === seen) continue;
    seen = job;
    workOnJob(memory, control, job, ops);
    if (Atomics.load(control, STATUS) === STATUS_FAILED) return;
  }
}
