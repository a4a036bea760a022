/**
 * The hand-over between the engine's thread and the gemm helper worker: a control block of
 * CONTROL_INTS int32 on a SharedArrayBuffer, Atomics to wake and wait (no messages: the engine
 * is inside a kernel, its event loop cannot run). Both ends live here so that a test can drive
 * them with worker_threads; the browser's worker entry is src/platform/gemmHelperWorker.ts.
 *
 *   engine: writes PTR/COUNT, bumps JOB, notifies; runs its own share; waits until DONE = JOB
 *   helper: waits while JOB = the last job it did; replays the commands; DONE = JOB, notifies
 *
 * The helper catches anything its commands throw and reports STATUS_FAILED, so the engine never
 * waits for a job that will not end; the engine then replays the share itself.
 */
import { type GemmOps, runCommands } from './gemmCommands';

export const CONTROL_INTS = 8;
const JOB = 0;
const DONE = 1;
const PTR = 2;
const COUNT = 3;
const STATUS = 4;
export const STATUS_STARTING = 0;
export const STATUS_READY = 1;
export const STATUS_FAILED = 2;
export const STATUS_STOPPED = 3;

/** The engine's side of a second thread that replays a share of commands. */
export interface SecondThread {
  /** True once the helper has its instances and waits for work. */
  ready(): boolean;
  /** Hands `count` commands at byte offset `ptr` over (returns at once). */
  post(ptr: number, count: number): void;
  /** Blocks until the posted share is done; false if the helper could not do it (replay it here). */
  wait(): boolean;
  /** Stops the helper (the backend's memory is gone or the backend changed). */
  terminate(): void;
}

/** Longest wait for one share before the helper is given up for dead (a share takes ~1–10 ms). */
const GIVE_UP_MS = 30_000;

export function newControlBlock(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(CONTROL_INTS * 4));
}

/** The engine's side over a control block whose helper `stop` ends. */
export function atomicsSecondThread(control: Int32Array, stop: () => void): SecondThread {
  return {
    ready: () => Atomics.load(control, STATUS) === STATUS_READY,
    post(ptr, count) {
      Atomics.store(control, PTR, ptr);
      Atomics.store(control, COUNT, count);
      Atomics.add(control, JOB, 1);
      Atomics.notify(control, JOB);
    },
    wait() {
      const job = Atomics.load(control, JOB);
      const start = Date.now();
      for (;;) {
        const done = Atomics.load(control, DONE);
        if (done === job) return Atomics.load(control, STATUS) === STATUS_READY;
        if (Date.now() - start > GIVE_UP_MS) {
          Atomics.store(control, STATUS, STATUS_FAILED);
          return false;
        }
        Atomics.wait(control, DONE, done, 1000);
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

/** Marks a helper that could not start (no SIMD, a memory it cannot import): the engine stays on one thread. */
export function reportHelperFailed(control: Int32Array): void {
  Atomics.store(control, STATUS, STATUS_FAILED);
}

/** The helper's loop (in its worker): serves shares until the engine stops it. Never returns before then. */
export function serveCommands(memory: WebAssembly.Memory, control: Int32Array, ops: GemmOps): void {
  let seen = Atomics.load(control, JOB);
  Atomics.store(control, STATUS, STATUS_READY);
  for (;;) {
    Atomics.wait(control, JOB, seen);
    const job = Atomics.load(control, JOB);
    if (job < 0 || Atomics.load(control, STATUS) === STATUS_STOPPED) return;
    if (job === seen) continue;
    try {
      runCommands(memory, Atomics.load(control, PTR), Atomics.load(control, COUNT), ops);
    } catch {
      Atomics.store(control, STATUS, STATUS_FAILED);
    }
    seen = job;
    Atomics.store(control, DONE, job);
    Atomics.notify(control, DONE);
    if (Atomics.load(control, STATUS) === STATUS_FAILED) return;
  }
}
