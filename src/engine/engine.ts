/**
 * The engine: the one owner of everything heavy — the TensorFlow.js backend, the dataset,
 * the model, the training run, evaluations, predictions and internals. Commands come in
 * through `handle`, everything it knows goes out as events through `emit`. It runs in a Web
 * Worker (worker.ts) or, where the browser cannot, on the page; it never touches the DOM.
 *
 * This class only dispatches; the work is done in rooms that each own one job:
 *   modelSlot.ts        the active model, its info, the last run's model kept aside
 *   backendLifecycle.ts the backend: start, switch, a lost GPU context
 *   runRoom.ts          the training run: start/resume, pause, step, stop, reset, checkpoints
 *   requestDesk.ts      requests with one answer, the model library, loaded models' evaluation
 *   dataLoading.ts      the dataset's download and decoding
 * Imports go one way: shared ← modelSlot ← backendLifecycle ← runRoom ← requestDesk ← engine.
 */
import { architectureName } from '../ml/config/describeSetup';
import type { ExperimentPlan } from '../ml/experiments/plan';
import type { ModelSpec } from '../ml/model/spec';
import { idleProgress } from '../protocol/engineState';
import { PROTOCOL_VERSION, transferablesOf, type EngineCommand, type EngineEvent, type EngineSetup } from '../protocol/messages';
import { BackendLifecycle } from './backendLifecycle';
import { DataLoading } from './dataLoading';
import { ExperimentRoom, type ExperimentDeps } from './experimentRoom';
import { ModelLibrary } from './modelLibrary';
import { ModelSlot } from './modelSlot';
import { RequestDesk } from './requestDesk';
import { RunRoom } from './runRoom';
import { ShaderWarmup } from './shaderWarmup';
import type { Emit, EngineDeps, EngineShared } from './shared';

export type { Emit, EngineDeps, GpuReading } from './shared';

export class Engine {
  private readonly shared: EngineShared;
  private readonly slot: ModelSlot;
  private readonly backend: BackendLifecycle;
  private readonly runs: RunRoom;
  private readonly desk: RequestDesk;
  /** The lessons' experiments: runs of their own, never while the playground trains. */
  private readonly experiments = new ExperimentRoom();
  private pretrainedUrl: string | null = null;

  constructor(
    deps: EngineDeps,
    emitRaw: Emit,
    private readonly thread: 'worker' | 'page',
  ) {
    const emit = (event: EngineEvent): void => emitRaw(event, transferablesOf(event));
    // Settings, data and library are set by init, before any other command is handled.
    this.shared = { deps, emit, settings: {} as EngineShared['settings'], data: null, library: null as unknown as ModelLibrary, warmup: new ShaderWarmup() };
    this.slot = new ModelSlot(this.shared);
    this.backend = new BackendLifecycle(this.shared, this.slot, (spec) => this.onBackendReady(spec), (reason) => void this.recoverFromDeviceLoss(reason));
    this.runs = new RunRoom(this.shared, this.slot, this.backend, () => this.experiments.running);
    this.desk = new RequestDesk(this.shared, this.slot, this.backend, this.runs, () => this.pretrainedUrl);
  }

  /** Handles one command; never throws (failures become events). */
  async handle(command: EngineCommand): Promise<void> {
    try {
      await this.dispatch(command);
    } catch (error) {
      if (command.type === 'request') this.shared.emit({ type: 'response', id: command.id, ok: false, error: (error as Error).message });
      else this.shared.emit({ type: 'failure', message: `${command.type} failed: ${(error as Error).message}` });
    }
  }

  private async dispatch(command: EngineCommand): Promise<void> {
    const { runs, shared } = this;
    switch (command.type) {
      case 'init':
        return this.init(command.version, command.setup);
      case 'loadData':
        return shared.data?.load();
      case 'setBackend':
        if (runs.isBusy()) return;
        return this.backend.switchTo(command.choice);
      case 'setConfig':
        shared.settings.config = command.config;
        if (!runs.isBusy()) runs.setProgress({ epochs: command.config.epochs });
        return;
      case 'setModelSpec':
        return this.setModelSpec(command.spec);
      case 'train':
        return runs.train(command.startPaused ?? false);
      case 'pause':
        return runs.pause();
      case 'resume':
        return runs.resume();
      case 'step':
        return runs.step();
      case 'stop':
        return runs.stop();
      case 'reset':
        this.experiments.stop();
        return runs.reset(() => this.desk.activatePretrainedAfterReset());
      case 'runExperiment':
        return this.runExperiment(command.plan);
      case 'stopExperiment':
        this.experiments.stop();
        return;
      case 'request': {
        const result = await this.desk.answer(command.request);
        shared.emit({ type: 'response', id: command.id, ok: true, result });
        return;
      }
    }
  }

  private async init(version: number, setup: EngineSetup): Promise<void> {
    if (version !== PROTOCOL_VERSION) throw new Error(`the page speaks protocol ${version}, this engine ${PROTOCOL_VERSION}: reload the page`);
    const { shared } = this;
    shared.settings.config = setup.config;
    shared.settings.spec = setup.spec;
    this.runs.progress = idleProgress(setup.config.epochs);
    shared.emit({ type: 'ready', version: PROTOCOL_VERSION, thread: this.thread });
    this.pretrainedUrl = setup.pretrainedUrl;
    shared.library = new ModelLibrary(setup.pretrainedUrl ?? '', (url) => shared.deps.fetch(url), (spec) => architectureName(spec), shared.deps.openStorage);
    void this.desk.publishLibrary();
    void shared.library.interruptedRun().then((run) => shared.emit({ type: 'interruptedRun', run }));
    shared.data = new DataLoading(
      { dataBaseUrl: setup.dataBaseUrl, fetch: shared.deps.fetch, decoders: shared.deps.decoders(setup.decoder), openDataStore: shared.deps.openDataStore },
      shared.emit,
      () => this.runs.maybeAutostart(),
    );
    await Promise.all([this.backend.start(setup.config.backend).then(() => this.desk.offerPretrained()), shared.data.load()]);
  }

  /** A lesson's experiment: its arms trained one after another (refused while a run or the data is not ready). */
  private async runExperiment(plan: ExperimentPlan): Promise<void> {
    const { shared } = this;
    const data = shared.data?.data;
    const report: ExperimentDeps['report'] = (update) => shared.emit({ type: 'experiment', update });
    const refuse = (message: string) => report({ kind: 'ended', experimentId: plan.id, status: 'error', message });
    if (this.runs.isBusy()) return refuse('A run is in progress: stop it first.');
    const backend = this.backend.state;
    if (!data || backend?.status !== 'ready') return refuse('The data or the backend is not ready yet.');
    const needTrain = Math.max(...plan.arms.map((a) => a.config.trainSize));
    const needTest = Math.max(...plan.arms.map((a) => a.config.testSize));
    if (data.train.availableCount < needTrain || data.test.availableCount < needTest) {
      return refuse(`The experiment needs ${needTrain.toLocaleString('en')} training and ${needTest.toLocaleString('en')} test images; they are still loading.`);
    }
    await this.experiments.run(plan, {
      data,
      backend: backend.active,
      loadPretrained: async () => (await shared.library.loadPretrained()).model,
      report,
    });
  }

  private onBackendReady(spec: ModelSpec): void {
    this.rebuildAndWarmUp(spec);
    this.runs.maybeAutostart();
  }

  /** Builds the network and, on a GPU backend, compiles its training step while the data loads. */
  private rebuildAndWarmUp(spec: ModelSpec): void {
    this.slot.rebuild(spec, this.backend.state, this.backend.analysis(spec));
    const active = this.backend.state?.status === 'ready' ? this.backend.state.active : null;
    if (active && this.slot.model) this.shared.warmup.start(active, spec, this.shared.settings.config);
  }

  /** Architecture and recipe for the next run; a new learning rate also reaches the current run. */
  private setModelSpec(spec: ModelSpec): void {
    const { settings } = this.shared;
    const rateChanged = spec.learningRate !== settings.spec.learningRate;
    settings.spec = spec;
    if (this.runs.isBusy()) {
      if (rateChanged) this.runs.requestLearningRate(spec.learningRate);
      return;
    }
    // A trained model is kept until the next run starts: the new settings apply to that run.
    if (this.slot.info.batchesTrained === 0) this.onModelSpecChanged(spec);
  }

  private onModelSpecChanged(spec: ModelSpec): void {
    // A network different enough may train faster elsewhere: probe again (it builds the model when done).
    if (this.backend.reprobeNeeded(spec)) {
      void this.backend.start('auto', spec);
      return;
    }
    this.rebuildAndWarmUp(spec);
  }

  /**
   * The GPU context (WebGL) or device (WebGPU) under the backend is gone: every tensor on it is
   * lost and a read-back in flight may never return. The run is abandoned (its events muted),
   * the backend started afresh, and the run's last checkpoint offered for resuming.
   */
  private async recoverFromDeviceLoss(reason: string): Promise<void> {
    const { shared } = this;
    const where = this.runs.abandonForDeviceLoss();
    this.slot.forget();
    this.shared.warmup.abandon();
    this.backend.resetAfterLoss();
    const interrupted = await shared.library.interruptedRun();
    const next = interrupted
      ? `Its checkpoint after epoch ${interrupted.epochsCompleted} is kept: resume it from the banner.`
      : where !== null
        ? 'No epoch had finished, so train again.'
        : 'The model was rebuilt: train it again, or load a saved model.';
    const message = `The GPU context was lost (${reason})${where ?? ''}. TensorFlow.js was restarted. ${next}`;
    this.runs.progress = { ...idleProgress(shared.settings.config.epochs, 0), status: where !== null ? 'error' : 'idle', error: where !== null ? message : null };
    shared.emit({ type: 'progress', progress: this.runs.progress, batches: [] });
    shared.emit({ type: 'failure', message });
    await this.backend.start(shared.settings.config.backend);
    shared.emit({ type: 'interruptedRun', run: interrupted });
  }
}
