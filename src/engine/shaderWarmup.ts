/**
 * Compiles the training step's GPU programs while the data loads (ml/training/warmup.ts), on
 * WebGL and WebGPU only: elsewhere nothing is compiled, and on WASM the step would only take
 * CPU time from the download. Started when a backend is ready; the bench and a backend switch
 * wait for it (whenDone), a run does not (it finds whatever the warm-up has compiled so far).
 * Best-effort: a failure is kept in the report, never shown as an error.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../ml/config/runConfig';
import { trainConfigFor } from '../ml/config/trainConfig';
import type { ModelSpec } from '../ml/model/spec';
import { warmUpTrainingStep } from '../ml/training/warmup';

export interface WarmupReport {
  readonly backend: string;
  /** GPU programs in the backend's cache before and after the warm-up step. */
  readonly programsBefore: number;
  readonly programsAfter: number;
  readonly ms: number;
  /** performance.now() when it ended (to compare with the data's arrival). */
  readonly endedAt: number;
  readonly error: string | null;
}

/** Distinct programs the active GPU backend has compiled (WebGL binaries, WebGPU pipelines). */
export function compiledPrograms(): number | null {
  const backend = tf.backend() as unknown as { binaryCache?: object; pipelineCache?: object };
  const cache = backend.binaryCache ?? backend.pipelineCache;
  return cache ? Object.keys(cache).length : null;
}

export class ShaderWarmup {
  private current: Promise<WarmupReport | null> = Promise.resolve(null);
  private pending = 0;
  /** Bumped by abandon(): a warm-up of an older generation no longer counts. */
  private generation = 0;
  last: WarmupReport | null = null;

  /** A warm-up is queued or running. */
  get running(): boolean {
    return this.pending > 0;
  }

  /** Queues a warm-up for the running backend's network and recipe (GPU backends only). */
  start(backend: string, spec: ModelSpec, config: RunConfig): void {
    if (backend !== 'webgl' && backend !== 'webgpu') return;
    const generation = this.generation;
    this.pending++;
    this.current = this.current
      .then(() => (generation === this.generation ? this.run(backend, spec, config) : null))
      .finally(() => {
        if (generation === this.generation) this.pending--;
      });
  }

  /**
   * The GPU context is lost: a read-back in flight on it may never return, so nobody waits for
   * the warm-up any more (whatever is queued is dropped; a step in flight ends, or not, unseen).
   */
  abandon(): void {
    this.generation++;
    this.pending = 0;
    this.current = Promise.resolve(null);
  }

  /** The latest warm-up's report once it has ended (null: none ran). */
  whenDone(): Promise<WarmupReport | null> {
    return this.current;
  }

  private async run(backend: string, spec: ModelSpec, config: RunConfig): Promise<WarmupReport | null> {
    if (tf.getBackend() !== backend) return null;
    const programsBefore = compiledPrograms() ?? 0;
    const started = performance.now();
    let error: string | null = null;
    try {
      await warmUpTrainingStep(spec, trainConfigFor(config, spec));
    } catch (e) {
      error = (e as Error).message;
    }
    const endedAt = performance.now();
    this.last = { backend, programsBefore, programsAfter: compiledPrograms() ?? 0, ms: endedAt - started, endedAt, error };
    return this.last;
  }
}
