/**
 * The benchmark's counters on the CPU backend: kernels through the engine, read-backs (sync and
 * async, nested ones once), and a fake GPU backend's uploads, program runs and read bytes.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BackendCounters, difference, perStep, type StepCounts } from './stepCounters';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let counters: BackendCounters | null = null;
afterEach(() => counters?.uninstall());

const counts = (kernels: number, extra: Partial<StepCounts> = {}): StepCounts => ({ kernels, programRuns: 0, uploads: 0, bytesUploaded: 0, reads: 0, syncReads: 0, bytesRead: 0, ...extra });

describe('BackendCounters on the CPU backend', () => {
  it('counts each kernel the engine dispatches, forward and backward', () => {
    counters = new BackendCounters();
    const a = tf.tensor1d([1, 2, 3]);
    const before = counters.snapshot();
    tf.tidy(() => tf.add(tf.mul(a, 2), 1));
    expect(counters.snapshot().kernels - before.kernels).toBe(2);
    const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.square(x)));
    const mid = counters.snapshot().kernels;
    tf.tidy(() => grad(a));
    // Forward Square and Sum, then their gradients: well above the two forward kernels.
    expect(counters.snapshot().kernels - mid).toBeGreaterThan(2);
    a.dispose();
  });

  it('tells synchronous read-backs from asynchronous ones; memory-resident data moves no bytes', async () => {
    counters = new BackendCounters();
    const t = tf.tensor2d([[1, 2], [3, 4]]);
    t.dataSync();
    t.arraySync();
    await t.data();
    const s = counters.snapshot();
    expect([s.syncReads, s.reads, s.bytesRead]).toEqual([2, 1, 0]);
    expect(s.programs).toBeNull();
    t.dispose();
  });

  it('uninstall puts the engine and backend back as they were', () => {
    const engine = tf.engine() as unknown as Record<string, unknown>;
    const backend = tf.backend() as unknown as Record<string, unknown>;
    const runKernel = engine.runKernel;
    const readSync = backend.readSync;
    counters = new BackendCounters();
    expect(engine.runKernel).not.toBe(runKernel);
    counters.uninstall();
    counters = null;
    expect(engine.runKernel).toBe(runKernel);
    expect(backend.readSync).toBe(readSync);
    expect(Object.prototype.hasOwnProperty.call(backend, 'readSync')).toBe(false);
  });
});

describe('BackendCounters on a GPU-like backend', () => {
  /** What the counters look at on WebGL: per-tensor records with values or a texture, a program cache. */
  function fakeWebGl() {
    const texData = new Map<object, { values?: Float32Array; texture?: object; shape: number[] }>();
    const backend = {
      texData,
      binaryCache: {} as Record<string, unknown>,
      runWebGLProgram(key: string) {
        this.binaryCache[key] ??= {};
      },
      uploadToGPU(id: object) {
        const d = texData.get(id)!;
        d.texture = {};
      },
      readSync(id: object): Float32Array {
        // A sliced tensor's read reads its copy: one read-back, not two.
        if (texData.get(id)!.shape.length === 0) return this.readSync(copy);
        return new Float32Array(4);
      },
      read(id: object) {
        return Promise.resolve(this.readSync(id));
      },
    };
    const onDevice = {};
    const copy = {};
    const inMemory = {};
    const sliced = {};
    texData.set(onDevice, { texture: {}, shape: [2, 3] });
    texData.set(copy, { texture: {}, shape: [4] });
    texData.set(inMemory, { values: new Float32Array(10), shape: [10] });
    texData.set(sliced, { shape: [] });
    return { backend, onDevice, inMemory, sliced };
  }

  it('counts uploads with their bytes, program runs, compiled programs and bytes read from the device', async () => {
    const { backend, onDevice, inMemory, sliced } = fakeWebGl();
    counters = new BackendCounters(backend as never, { runKernel: () => null });
    backend.uploadToGPU(inMemory);
    backend.uploadToGPU(inMemory); // already there: no second upload
    backend.runWebGLProgram('a');
    backend.runWebGLProgram('a');
    backend.runWebGLProgram('b');
    backend.readSync(onDevice);
    await backend.read(onDevice);
    backend.readSync(sliced);
    const s = counters.snapshot();
    expect(s).toMatchObject({ uploads: 1, bytesUploaded: 40, programRuns: 3, programs: 2, syncReads: 2, reads: 1 });
    // onDevice twice (2×3 floats), the slice once: only what was on the device.
    expect(s.bytesRead).toBe(2 * 24);
  });
});

describe('per step', () => {
  it('takes the difference of two runs of different lengths, so that per-run costs cancel', () => {
    const short = counts(2 * 10 + 7, { uploads: 1 + 2, bytesUploaded: 1000 + 2 * 8 });
    const long = counts(6 * 10 + 7, { uploads: 1 + 6, bytesUploaded: 1000 + 6 * 8 });
    expect(perStep(short, 2, long, 6)).toEqual(counts(10, { uploads: 1, bytesUploaded: 8 }));
    expect(difference(short, long).kernels).toBe(40);
  });
});
