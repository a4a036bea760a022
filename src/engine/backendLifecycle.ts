/**
 * The backend's lifecycle: starting the TensorFlow.js backend the settings ask for, what it
 * reports about itself, switching backends (a trained model moves along with its weights),
 * and a lost GPU context (its recovery is the engine's: the room only notices and restarts).
 */
import * as tf from '@tensorflow/tfjs';
import { activateBackend, type BackendStatus } from '../ml/backends/activateBackend';
import { needsReprobe, type BackendProbe } from '../ml/backends/probeChoice';
import type { BackendChoice } from '../ml/config/runConfig';
import { analyzeModel } from '../ml/model/analyze';
import { analyzeModelWithBudget } from '../ml/model/resourceBudget';
import type { ModelSpec } from '../ml/model/spec';
import { probeBackends, trainingFlops } from './backendProbe';
import type { ModelSlot } from './modelSlot';
import type { EngineShared, ReportedBackend } from './shared';

async function readWeights(model: tf.LayersModel): Promise<{ shape: number[]; values: Float32Array }[]> {
  return Promise.all(model.getWeights().map(async (w) => ({ shape: w.shape, values: (await w.data()) as Float32Array })));
}

export class BackendLifecycle {
  state: ReportedBackend | null = null;
  /** Stops watching the backend's GPU context (see watchDeviceLoss). */
  private unwatchDevice: () => void = () => {};
  /** Settles when the latest start has ended, ready or failed (see whenSettled). */
  private settled: Promise<void> = Promise.resolve();

  constructor(
    private readonly shared: EngineShared,
    private readonly slot: ModelSlot,
    /** Called once the backend is up (to build the model, to autostart). */
    private readonly onReady: (spec: ModelSpec) => void,
    /** Called when the GPU context or device under the backend is lost. */
    private readonly onDeviceLost: (reason: string) => void,
  ) {}

  /** `spec`: the network to build once it is up (default: the current spec). */
  start(choice: BackendChoice, spec: ModelSpec = this.shared.settings.spec): Promise<void> {
    const starting = this.startOnce(choice, spec);
    this.settled = starting;
    return starting;
  }

  /**
   * The backend as it is once any start in progress has ended: a model built or loaded before
   * then would meet a backend TensorFlow.js has not initialised yet (a file dropped at page load).
   */
  async whenSettled(): Promise<ReportedBackend | null> {
    let seen: Promise<void>;
    do {
      seen = this.settled;
      await seen;
    } while (seen !== this.settled);
    return this.state;
  }

  private async startOnce(choice: BackendChoice, spec: ModelSpec): Promise<void> {
    const { deps, emit } = this.shared;
    const starting = { status: 'starting', requested: choice, active: null, renderer: null, software: false, details: null, note: null, error: null } as const;
    this.state = { ...(this.state ?? starting), status: 'starting', requested: choice, error: null };
    emit({ type: 'backend', backend: this.state });
    // A warm-up step in flight runs on the backend it started on: let it end first.
    if (this.shared.warmup.running) await this.shared.warmup.whenDone();
    try {
      // Automatic: measured (backendProbe.ts); the fixed order only where nothing could be measured.
      const probe: BackendProbe | null = choice === 'auto' ? await probeBackends(spec, this.shared.settings.config.batchSize, deps.backendPlatform) : null;
      const status: BackendStatus = probe?.chosen ? { requested: choice, active: probe.chosen, fallbackReason: null } : await activateBackend(choice, deps.backendPlatform);
      const gpu = deps.readGpuInfo();
      const details = status.active === 'wasm' ? ((await deps.backendPlatform.describeWasm?.()) ?? null) : null;
      const softwareNote = gpu?.software ? `WebGL is software-rendered here (${gpu.renderer}), so training on it is slow.` : null;
      this.state = {
        status: 'ready',
        requested: choice,
        active: status.active,
        renderer: gpu?.renderer ?? null,
        software: gpu?.software ?? false,
        details,
        note: [status.fallbackReason, softwareNote].filter(Boolean).join(' ') || null,
        error: null,
        probe,
      };
      emit({ type: 'backend', backend: this.state });
      this.unwatchDevice();
      this.unwatchDevice = deps.backendPlatform.watchDeviceLoss?.((reason) => this.onDeviceLost(reason)) ?? (() => {});
      this.onReady(spec);
    } catch (error) {
      this.state = { ...this.state, status: 'error', error: (error as Error).message };
      emit({ type: 'backend', backend: this.state });
    }
  }

  /** Switches the compute backend (the caller checks no run is active); a trained model moves along with its weights. */
  async switchTo(choice: BackendChoice): Promise<void> {
    const { slot } = this;
    this.shared.settings.config = { ...this.shared.settings.config, backend: choice };
    const info = slot.info;
    const trained = slot.model && info.batchesTrained > 0 ? { spec: slot.builtSpec, weights: await readWeights(slot.model), batches: info.batchesTrained, about: { source: info.source, test: info.test, name: info.name } } : null;
    slot.dispose();
    await this.start(choice, trained?.spec);
    if (trained && slot.model) {
      const values = trained.weights.map((w) => tf.tensor(w.values, w.shape));
      slot.model.setWeights(values);
      tf.dispose(values);
      slot.publish(trained.batches, trained.about);
    }
  }

  /**
   * The automatic choice was measured on another network: probe again when the new one's work
   * per image differs enough for the choice to change (the caller checks no run is active).
   */
  reprobeNeeded(spec: ModelSpec): boolean {
    const probe = this.state?.probe;
    return this.state?.requested === 'auto' && this.state.status === 'ready' && probe != null && needsReprobe(probe.flopsPerExample, trainingFlops(spec));
  }

  /** Drops the lost backend so that the next start builds it afresh. */
  resetAfterLoss(): void {
    const active = this.state?.active;
    if (active) this.shared.deps.backendPlatform.resetBackend?.(active);
  }

  /** The network's shapes and its resource budget on the running backend at the run's batch size. */
  analysis(spec: ModelSpec) {
    const active = this.state?.active;
    return active ? analyzeModelWithBudget(spec, { backend: active, batchSize: this.shared.settings.config.batchSize, softwareWebGl: this.state?.software ?? false }) : { ...analyzeModel(spec), budget: null };
  }
}
