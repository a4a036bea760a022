/**
 * Counts what a piece of training asks of the backend, independent of how fast the machine is:
 * kernels dispatched through the engine, GPU programs run and compiled, bytes uploaded to and
 * read back from the device, and read-backs (synchronous ones separately). For the benchmark's
 * GPU counters (our training loop against stock model.fit), never for the app.
 *
 * How: the engine's `runKernel` and the active backend's own methods are wrapped on their
 * instances while installed (WebGL: runWebGLProgram, uploadToGPU, read/readSync and its
 * program cache; WebGPU: runWebGPUProgram, uploadToGPU, read/readSync and its pipeline cache).
 * tf.profile is not used: where no GPU timer exists it reads every kernel's output back
 * synchronously, which would change what is counted.
 */
import * as tf from '@tensorflow/tfjs';

export interface StepCounts {
  /** Kernels dispatched through the engine (tf ops, their gradients, the optimizer's). */
  readonly kernels: number;
  /** GPU programs run (WebGL shaders incl. packing and encoding, WebGPU pipelines); 0 elsewhere. */
  readonly programRuns: number;
  /** Tensors moved from JavaScript memory to the device, and their bytes. */
  readonly uploads: number;
  readonly bytesUploaded: number;
  /** Asynchronous read-backs (data()), synchronous ones (dataSync/arraySync/readSync), and the bytes that really left the device. */
  readonly reads: number;
  readonly syncReads: number;
  readonly bytesRead: number;
}

export interface CounterSnapshot extends StepCounts {
  /** Distinct GPU programs compiled so far by this backend (null: not a GPU backend). */
  readonly programs: number | null;
}

type DataId = object;
interface DeviceData {
  values?: unknown;
  texture?: unknown;
  resource?: unknown;
  shape: number[];
}
interface Countable {
  runWebGLProgram?: (...args: unknown[]) => unknown;
  runWebGPUProgram?: (...args: unknown[]) => unknown;
  uploadToGPU?: (dataId: DataId) => void;
  readSync: (dataId: DataId) => unknown;
  read: (dataId: DataId) => Promise<unknown>;
  /** WebGL's per-tensor records and program cache; WebGPU's. */
  texData?: { get(id: DataId): DeviceData | undefined };
  tensorMap?: { get(id: DataId): DeviceData | undefined };
  binaryCache?: Record<string, unknown>;
  pipelineCache?: Record<string, unknown>;
}

const ZERO: StepCounts = { kernels: 0, programRuns: 0, uploads: 0, bytesUploaded: 0, reads: 0, syncReads: 0, bytesRead: 0 };

/** b − a, field by field. */
export function difference(a: StepCounts, b: StepCounts): StepCounts {
  return Object.fromEntries(Object.keys(ZERO).map((k) => [k, b[k as keyof StepCounts] - a[k as keyof StepCounts]])) as unknown as StepCounts;
}

/** Counts per step from two runs of n1 < n2 steps: what a run costs whatever its length cancels out. */
export function perStep(run1: StepCounts, steps1: number, run2: StepCounts, steps2: number): StepCounts {
  const d = difference(run1, run2);
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v / (steps2 - steps1)])) as unknown as StepCounts;
}

export class BackendCounters {
  private counts = { ...ZERO };
  private readonly restore: (() => void)[] = [];
  /** Nested reads (a sliced tensor's read reads its copy) count once. */
  private readDepth = 0;

  constructor(
    private readonly backend: Countable = tf.backend() as unknown as Countable,
    engine: { runKernel: (...args: never[]) => unknown } = tf.engine() as unknown as { runKernel: (...args: never[]) => unknown },
  ) {
    this.wrap(engine, 'runKernel', () => this.counts.kernels++);
    if (backend.runWebGLProgram) this.wrap(backend, 'runWebGLProgram', () => this.counts.programRuns++);
    if (backend.runWebGPUProgram) this.wrap(backend, 'runWebGPUProgram', () => this.counts.programRuns++);
    if (backend.uploadToGPU) {
      this.wrap(backend, 'uploadToGPU', (dataId: DataId) => {
        const d = this.record(dataId);
        const values = d?.values as ArrayBufferView | undefined;
        if (d && values && d.texture == null && d.resource == null) {
          this.counts.uploads++;
          this.counts.bytesUploaded += values.byteLength;
        }
      });
    }
    this.wrapRead('readSync', true);
    this.wrapRead('read', false);
  }

  snapshot(): CounterSnapshot {
    const cache = this.backend.binaryCache ?? this.backend.pipelineCache;
    return { ...this.counts, programs: cache ? Object.keys(cache).length : null };
  }

  /** Puts the original methods back. */
  uninstall(): void {
    while (this.restore.length > 0) this.restore.pop()!();
  }

  private record(dataId: DataId): DeviceData | undefined {
    return (this.backend.texData ?? this.backend.tensorMap)?.get(dataId);
  }

  private wrapRead(method: 'read' | 'readSync', sync: boolean): void {
    const original = this.backend[method] as (dataId: DataId) => unknown;
    const enter = (dataId: DataId) => {
      if (this.readDepth === 0) {
        if (sync) this.counts.syncReads++;
        else this.counts.reads++;
        const d = this.record(dataId);
        // On the device: a GPU tensor whose values are not cached in JavaScript yet.
        if (d && d.values == null && (d.texture != null || d.resource != null)) this.counts.bytesRead += 4 * d.shape.reduce((a, b) => a * b, 1);
      }
      this.readDepth++;
    };
    const leave = () => this.readDepth--;
    // Only the synchronous part of a read counts as "inside" it: a sliced tensor's read reads
    // its copy right away (counted once), while reads started after an await are reads of their own.
    this.install(this.backend as unknown as Record<string, unknown>, method, function (this: unknown, dataId: DataId) {
      enter(dataId);
      try {
        return original.call(this, dataId);
      } finally {
        leave();
      }
    });
  }

  private wrap<T extends object>(target: T, method: string, count: (...args: never[]) => void): void {
    const original = (target as Record<string, unknown>)[method] as (...args: unknown[]) => unknown;
    this.install(target as Record<string, unknown>, method, function (this: unknown, ...args: unknown[]) {
      count(...(args as never[]));
      return original.apply(this, args);
    });
  }

  private install(target: Record<string, unknown>, method: string, replacement: unknown): void {
    const own = Object.prototype.hasOwnProperty.call(target, method);
    const previous = target[method];
    target[method] = replacement;
    this.restore.push(() => {
      if (own) target[method] = previous;
      else delete target[method];
    });
  }
}
