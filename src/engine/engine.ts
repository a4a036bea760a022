/**
 * The engine: the one owner of everything heavy — the TensorFlow.js backend, the dataset,
 * the model, the training run, evaluations, predictions and internals. Commands come in
 * through `handle`, everything it knows goes out as events through `emit`. It runs in a Web
 * Worker (worker.ts) or, where the browser cannot, on the page; it never touches the DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { activateBackend, type BackendPlatform } from '../ml/backends/activateBackend';
import type { BackendChoice, RunConfig } from '../ml/config/runConfig';
import { describeLayers } from '../ml/internals/layerInfo';
import { computeInternals } from '../ml/internals/snapshot';
import { architectureName } from '../ml/config/describeSetup';
import { analyzeModel } from '../ml/model/analyze';
import { analyzeModelWithBudget } from '../ml/model/resourceBudget';
import { WeightSnapshot } from '../ml/training/earlyStopping';
import { buildModel, createOptimizer } from '../ml/model/build';
import type { ModelSpec } from '../ml/model/spec';
import { TrainingControl } from '../ml/training/control';
import { predictProbabilities } from '../ml/training/predictOne';
import { benchTrain } from './benchTrain';
import { benchTimeToAccuracy } from './benchTimeToAccuracy';
import { DataLoading, type DataDeps } from './dataLoading';
import { ExperimentRoom } from './experimentRoom';
import type { BackendState, BatchPoint, ModelInfo, ModelSource, RunSummary, TestResult, TrainingProgress } from './engineState';
import { PROTOCOL_VERSION, transferablesOf, type EngineCommand, type EngineEvent, type EngineRequest, type EngineSetup, type ResponseOf } from './protocol';
import { idleProgress } from './engineState';
import { canStartRun, isBusyStatus } from './readiness';
import { checkpointBatches, epochEventOf, epochRecordOf, runConfigOf } from './checkpointRecords';
import { metadataFor, ModelLibrary } from './modelLibrary';
import { evaluateModel, runTraining } from './trainingRun';
import { trainConfigFor } from '../ml/config/trainConfig';
import type { ModelMetadata } from '../ml/models/metadata';
import { captureCheckpoint, restoreCheckpoint, type Checkpoint } from '../ml/training/checkpoint';
import type { EpochEvent } from '../ml/training/trainer';
import type { ModelStorage } from '../platform/modelStorage';

export interface GpuReading {
  readonly renderer: string;
  readonly software: boolean;
}

export interface EngineDeps extends Omit<DataDeps, 'dataBaseUrl' | 'decoders'> {
  readonly backendPlatform: BackendPlatform;
  readonly readGpuInfo: () => GpuReading | null;
  readonly decoders: (choice: EngineSetup['decoder']) => DataDeps['decoders'];
  /** The browser's model store (default: IndexedDB of this origin). */
  readonly openStorage?: () => Promise<ModelStorage>;
}

export type Emit = (event: EngineEvent, transfer: Transferable[]) => void;


async function readWeights(model: tf.LayersModel): Promise<{ shape: number[]; values: Float32Array }[]> {
  return Promise.all(model.getWeights().map(async (w) => ({ shape: w.shape, values: (await w.data()) as Float32Array })));
}

export class Engine {
  private config!: RunConfig;
  private spec!: ModelSpec;
  /** The spec the current model was built from (the form may have moved on since). */
  private builtSpec!: ModelSpec;
  private data: DataLoading | null = null;
  private backend: Omit<BackendState, 'thread' | 'threadNote'> | null = null;
  private model: tf.LayersModel | null = null;
  private optimizer: tf.Optimizer | null = null;
  private modelInfo: ModelInfo = { revision: 0, ready: false, name: '', source: 'untrained', spec: null, test: null, error: null, batchesTrained: 0, params: 0, layers: [] };
  private progress: TrainingProgress = idleProgress(0);
  private run: AbortController | null = null;
  private evaluation: AbortController | null = null;
  private control = new TrainingControl();
  private runsStarted = 0;
  /** Set while Reset throws the current run away. */
  private discarding = false;
  private autostarted = false;
  /** Resolves when the current run (training and evaluation) has fully ended. */
  private runDone: Promise<void> = Promise.resolve();
  private library!: ModelLibrary;
  /** The last run's model and what is known of it, kept aside while another model is active. */
  private stashedRun: { model: tf.LayersModel; optimizer: tf.Optimizer | null; spec: ModelSpec; info: ModelInfo } | null = null;
  /** The last run's curves, saved with its model. */
  private lastRun: { batches: readonly BatchPoint[]; epochs: readonly EpochEvent[]; config: RunConfig } | null = null;
  private pretrainedUrl: string | null = null;
  /** The model revision whose test evaluation was asked for last (see evaluateActiveModel). */
  private evaluatedRevision = -1;
  /** Stops watching the backend's GPU context (see watchDeviceLoss). */
  private unwatchDevice: () => void = () => {};
  /** The run in progress: its events stop when the GPU under it is lost (its loop may never wake again). */
  private currentRun: { alive: boolean; finish: () => void } | null = null;
  /** The weights before the current run's first batch, to go back to after a divergence. */
  private startWeights: WeightSnapshot | null = null;
  /** The lessons' experiments: runs of their own, never while the playground trains. */
  private readonly experiments = new ExperimentRoom();

  constructor(
    private readonly deps: EngineDeps,
    private readonly emitRaw: Emit,
    private readonly thread: 'worker' | 'page',
  ) {}

  private emit = (event: EngineEvent): void => this.emitRaw(event, transferablesOf(event));

  /** Handles one command; never throws (failures become events). */
  async handle(command: EngineCommand): Promise<void> {
    try {
      await this.dispatch(command);
    } catch (error) {
      if (command.type === 'request') this.emit({ type: 'response', id: command.id, ok: false, error: (error as Error).message });
      else this.emit({ type: 'failure', message: `${command.type} failed: ${(error as Error).message}` });
    }
  }

  private async dispatch(command: EngineCommand): Promise<void> {
    switch (command.type) {
      case 'init':
        return this.init(command.version, command.setup);
      case 'loadData':
        return this.data?.load();
      case 'setBackend':
        return this.setBackend(command.choice);
      case 'setConfig':
        this.config = command.config;
        if (!this.isBusy()) this.setProgress({ epochs: this.config.epochs });
        return;
      case 'setModelSpec':
        return this.setModelSpec(command.spec);
      case 'train':
        return this.train(command.startPaused ?? false);
      case 'pause':
        return this.pause();
      case 'resume':
        return this.resume();
      case 'step':
        return this.step();
      case 'stop':
        if (this.run) this.run.abort();
        else this.evaluation?.abort();
        return;
      case 'reset':
        this.experiments.stop();
        return this.reset();
      case 'runExperiment':
        return this.runExperiment(command.plan);
      case 'stopExperiment':
        this.experiments.stop();
        return;
      case 'request': {
        const result = await this.answer(command.request);
        this.emit({ type: 'response', id: command.id, ok: true, result });
        return;
      }
    }
  }

  private async init(version: number, setup: EngineSetup): Promise<void> {
    if (version !== PROTOCOL_VERSION) throw new Error(`the page speaks protocol ${version}, this engine ${PROTOCOL_VERSION}: reload the page`);
    this.config = setup.config;
    this.spec = setup.spec;
    this.progress = idleProgress(setup.config.epochs);
    this.emit({ type: 'ready', version: PROTOCOL_VERSION, thread: this.thread });
    this.pretrainedUrl = setup.pretrainedUrl;
    this.library = new ModelLibrary(setup.pretrainedUrl ?? '', (url) => this.deps.fetch(url), (spec) => architectureName(spec), this.deps.openStorage);
    void this.publishLibrary();
    void this.library.interruptedRun().then((run) => this.emit({ type: 'interruptedRun', run }));
    this.data = new DataLoading(
      { dataBaseUrl: setup.dataBaseUrl, fetch: this.deps.fetch, decoders: this.deps.decoders(setup.decoder) },
      this.emit,
      () => this.maybeAutostart(),
    );
    await Promise.all([this.startBackend(setup.config.backend).then(() => this.offerPretrained()), this.data.load()]);
  }

  private async publishLibrary(): Promise<void> {
    this.emit({ type: 'library', library: await this.library.state() });
  }

  /**
   * Fetches the shipped model (lazily: after the backend is up, beside the data download) and
   * makes it the active model while nothing has been trained, so a first visit classifies well.
   */
  private async offerPretrained(): Promise<void> {
    if (!this.pretrainedUrl || this.backend?.status !== 'ready') {
      this.emit({ type: 'pretrained', pretrained: { status: 'none', name: null, testAccuracy: null, testCount: null, error: null } });
      return;
    }
    this.emit({ type: 'pretrained', pretrained: { status: 'loading', name: null, testAccuracy: null, testCount: null, error: null } });
    try {
      const { model, metadata } = await this.library.loadPretrained();
      const test = metadata.testAccuracy;
      this.emit({ type: 'pretrained', pretrained: { status: 'ready', name: metadata.name, testAccuracy: test?.accuracy ?? null, testCount: test?.count ?? null, error: null } });
      if (this.modelInfo.source === 'untrained' && !this.isBusy()) this.activate(model, metadata, 'pretrained');
      else model.dispose();
    } catch (error) {
      this.emit({ type: 'pretrained', pretrained: { status: 'error', name: null, testAccuracy: null, testCount: null, error: (error as Error).message } });
    }
  }

  /** Makes a loaded (not trained here) model the active one; the last run's model is kept aside. */
  private activate(model: tf.LayersModel, metadata: ModelMetadata, source: ModelSource): void {
    this.stashRunModel();
    this.disposeModel();
    this.model = model;
    this.builtSpec = metadata.spec;
    const test = metadata.testAccuracy ? { accuracy: metadata.testAccuracy.accuracy, loss: NaN, count: metadata.testAccuracy.count, seconds: 0, partial: false, epochsCompleted: metadata.epochsTrained, epochs: metadata.epochsTrained } : null;
    this.publishModel(metadata.epochsTrained > 0 ? 1 : 0, { source, name: metadata.name, test });
  }

  /** Keeps the last run's trained model aside (instead of disposing it) when another model becomes active. */
  private stashRunModel(): void {
    if (this.model && this.modelInfo.source === 'trained') {
      this.stashedRun?.model.dispose();
      this.stashedRun?.optimizer?.dispose();
      this.stashedRun = { model: this.model, optimizer: this.optimizer, spec: this.builtSpec, info: this.modelInfo };
      this.model = null;
      this.optimizer = null;
      this.emit({ type: 'runModel', available: true });
    }
  }

  /**
   * The active model's test evaluation outside a run (a pretrained, saved or imported model), asked
   * for by the evaluation view when it is shown: never at start-up, where it would slow Train's first batch.
   */
  private async evaluateActiveModel(): Promise<void> {
    const model = this.model;
    const data = this.data?.data;
    if (!model || !data || this.isBusy() || this.modelInfo.source === 'untrained' || this.modelInfo.source === 'trained') return;
    const count = Math.min(this.config.testSize, data.test.availableCount);
    const revision = this.modelInfo.revision;
    // One evaluation per model: a second request for it (StrictMode, a view shown twice) is answered by the first.
    if (count === 0 || count < this.config.testSize || this.evaluatedRevision === revision) return;
    this.evaluatedRevision = revision;
    const evaluation = await evaluateModel(model, data, count, revision);
    if (evaluation && this.modelInfo.revision === revision) this.emit({ type: 'modelEvaluation', evaluation });
  }

  private isBusy(): boolean {
    return isBusyStatus(this.progress.status) || this.experiments.running;
  }

  private async runExperiment(plan: Parameters<ExperimentRoom['run']>[0]): Promise<void> {
    const data = this.data?.data;
    const report = (update: Parameters<Parameters<ExperimentRoom['run']>[1]['report']>[0]) => this.emit({ type: 'experiment', update });
    const refuse = (message: string) => {
      report({ kind: 'ended', experimentId: plan.id, status: 'error', message });
    };
    if (this.isBusy()) return refuse('A run is in progress: stop it first.');
    if (!data || this.backend?.status !== 'ready') return refuse('The data or the backend is not ready yet.');
    const needTrain = Math.max(...plan.arms.map((a) => a.config.trainSize));
    const needTest = Math.max(...plan.arms.map((a) => a.config.testSize));
    if (data.train.availableCount < needTrain || data.test.availableCount < needTest) return refuse(`The experiment needs ${needTrain.toLocaleString('en')} training and ${needTest.toLocaleString('en')} test images; they are still loading.`);
    await this.experiments.run(plan, {
      data,
      backend: this.backend.active,
      loadPretrained: async () => (await this.library.loadPretrained()).model,
      report,
    });
  }

  private setProgress(patch: Partial<TrainingProgress>): TrainingProgress {
    this.progress = { ...this.progress, ...patch };
    return this.progress;
  }

  private emitProgress(patch: Partial<TrainingProgress>): void {
    this.emit({ type: 'progress', progress: this.setProgress(patch), batches: [] });
  }

  /** `spec`: the network to build once it is up (default: the current spec). */
  private async startBackend(choice: BackendChoice, spec: ModelSpec = this.spec): Promise<void> {
    const starting = { status: 'starting', requested: choice, active: null, renderer: null, software: false, details: null, note: null, error: null } as const;
    this.backend = { ...(this.backend ?? starting), status: 'starting', requested: choice, error: null };
    this.emit({ type: 'backend', backend: this.backend });
    try {
      const status = await activateBackend(choice, this.deps.backendPlatform);
      const gpu = this.deps.readGpuInfo();
      const details = status.active === 'wasm' ? ((await this.deps.backendPlatform.describeWasm?.()) ?? null) : null;
      const softwareNote = gpu?.software ? `WebGL is software-rendered here (${gpu.renderer}), so training on it is slow.` : null;
      this.backend = {
        status: 'ready',
        requested: choice,
        active: status.active,
        renderer: gpu?.renderer ?? null,
        software: gpu?.software ?? false,
        details,
        note: [status.fallbackReason, softwareNote].filter(Boolean).join(' ') || null,
        error: null,
      };
      this.emit({ type: 'backend', backend: this.backend });
      this.unwatchDevice();
      this.unwatchDevice = this.deps.backendPlatform.watchDeviceLoss?.((reason) => void this.onDeviceLost(reason)) ?? (() => {});
      this.rebuildModel(spec);
      this.maybeAutostart();
    } catch (error) {
      this.backend = { ...this.backend, status: 'error', error: (error as Error).message };
      this.emit({ type: 'backend', backend: this.backend });
    }
  }

  /**
   * The GPU context (WebGL) or device (WebGPU) under the backend is gone: every tensor on it is
   * lost and a read-back in flight may never return. The run is abandoned (its events muted),
   * the backend started afresh, and the run's last checkpoint offered for resuming.
   */
  private async onDeviceLost(reason: string): Promise<void> {
    const run = this.currentRun;
    const where = run ? ` at epoch ${this.progress.epoch + 1}, batch ${this.progress.batch}` : '';
    if (run) {
      run.alive = false;
      this.currentRun = null;
      // Where the loop can still run (the CPU is fine, only the GPU was lost) it ends at once.
      this.run?.abort();
      this.evaluation?.abort();
      this.run = null;
      this.evaluation = null;
      run.finish();
    }
    this.model = null;
    this.optimizer = null;
    const active = this.backend?.active;
    if (active) this.deps.backendPlatform.resetBackend?.(active);
    const interrupted = await this.library.interruptedRun();
    const next = interrupted
      ? `Its checkpoint after epoch ${interrupted.epochsCompleted} is kept: resume it from the banner.`
      : run
        ? 'No epoch had finished, so train again.'
        : 'The model was rebuilt: train it again, or load a saved model.';
    const message = `The GPU context was lost (${reason})${where}. TensorFlow.js was restarted. ${next}`;
    this.progress = { ...idleProgress(this.config.epochs, 0), status: run ? 'error' : 'idle', error: run ? message : null };
    this.emit({ type: 'progress', progress: this.progress, batches: [] });
    this.emit({ type: 'failure', message });
    await this.startBackend(this.config.backend);
    this.emit({ type: 'interruptedRun', run: interrupted });
  }

  /** Switches the compute backend when no run is active; a trained model moves along with its weights. */
  private async setBackend(choice: BackendChoice): Promise<void> {
    if (this.isBusy()) return;
    this.config = { ...this.config, backend: choice };
    const info = this.modelInfo;
    const trained = this.model && info.batchesTrained > 0 ? { spec: this.builtSpec, weights: await readWeights(this.model), batches: info.batchesTrained, about: { source: info.source, test: info.test, name: info.name } } : null;
    this.disposeModel();
    await this.startBackend(choice, trained?.spec);
    if (trained && this.model) {
      const values = trained.weights.map((w) => tf.tensor(w.values, w.shape));
      this.model.setWeights(values);
      tf.dispose(values);
      this.publishModel(trained.batches, trained.about);
    }
  }

  private disposeModel(): void {
    this.model?.dispose();
    this.optimizer?.dispose();
    this.model = null;
    this.optimizer = null;
  }

  /** A fresh model (seeded by the run seed); none while the spec is not a valid network. */
  private rebuildModel(spec: ModelSpec = this.spec): void {
    this.disposeModel();
    this.builtSpec = spec;
    let error: string | null = null;
    const analysis = this.analysis(spec);
    if (this.backend?.status === 'ready' && !analysis.valid && analysis.budget && analysis.budget.problems.length > 0) {
      error = analysis.budget.problems.join(' ');
    } else if (this.backend?.status === 'ready' && analysis.valid) {
      try {
        this.model = buildModel(spec, { seed: this.config.seed });
        this.optimizer = createOptimizer(spec.optimizer, spec.learningRate);
      } catch (e) {
        // e.g. "Array buffer allocation failed": the network does not fit; the backend is fine.
        this.disposeModel();
        error = `This network could not be built on ${this.backend.active}: ${(e as Error).message}. Make it smaller (fewer filters or units).`;
      }
    }
    this.publishModel(0, { source: 'untrained', error });
  }

  private publishModel(batchesTrained: number, about: { source: ModelSource; error?: string | null; test?: TestResult | null; name?: string }): void {
    const model = this.model;
    this.modelInfo = {
      revision: this.modelInfo.revision + 1,
      ready: model !== null,
      name: about.name ?? architectureName(this.builtSpec),
      source: about.source,
      spec: model ? this.builtSpec : null,
      test: about.test ?? null,
      error: about.error ?? null,
      batchesTrained,
      params: model?.countParams() ?? 0,
      layers: model ? describeLayers(model).map((info, i) => ({ ...info, params: model.layers[i].countParams(), trainable: model.layers[i].trainableWeights.length > 0 })) : [],
    };
    this.emit({ type: 'model', model: this.modelInfo });
  }

  private canTrain(): boolean {
    const data = this.data?.state;
    return !!data && !!this.backend && canStartRun({ backend: this.backend, data, config: this.config, modelReady: this.model !== null });
  }

  private maybeAutostart(): void {
    if (this.config.autostart && !this.autostarted && this.canTrain()) {
      this.autostarted = true;
      void this.train(false);
    }
  }

  private setModelSpec(spec: ModelSpec): void {
    const rateChanged = spec.learningRate !== this.spec.learningRate;
    this.spec = spec;
    if (this.isBusy()) {
      if (rateChanged) this.control.requestLearningRate(spec.learningRate);
      return;
    }
    // A trained model is kept until the next run starts: the new settings apply to that run.
    if (this.modelInfo.batchesTrained === 0) this.rebuildModel();
  }

  private async train(startPaused: boolean, resume: Checkpoint | null = null): Promise<void> {
    const data = this.data?.data;
    if (this.isBusy() || !this.canTrain() || !data) return;
    const analysis = this.analysis(resume?.spec ?? this.spec);
    if (!analysis.valid) {
      // The page holds Train back for the same reasons; a command that gets here anyway is refused, never run.
      this.emit({ type: 'failure', message: `This network cannot be trained here: ${[...analysis.modelProblems, ...(analysis.budget?.problems ?? [])].join(' ') || 'it is not valid.'}` });
      return;
    }
    this.startWeights?.dispose();
    this.startWeights = new WeightSnapshot();
    this.stashedRun?.model.dispose();
    this.stashedRun?.optimizer?.dispose();
    this.stashedRun = null;
    this.emit({ type: 'runModel', available: false });
    if (resume) {
      const restored = await restoreCheckpoint(resume);
      this.disposeModel();
      this.model = restored.model;
      this.optimizer = restored.optimizer;
      this.builtSpec = resume.spec;
      this.spec = resume.spec;
      this.config = runConfigOf(resume, this.config);
      this.publishModel(resume.state.batchesCompleted, { source: 'trained' });
    } else {
      this.rebuildModel();
      void this.library.clearCheckpoint();
      this.emit({ type: 'interruptedRun', run: null });
    }
    const run = new AbortController();
    this.run = run;
    this.control = new TrainingControl();
    if (startPaused) this.control.pause();
    const { config, spec } = this;
    const started = performance.now();
    const model = this.model!;
    const id = ++this.runsStarted;
    this.progress = { ...idleProgress(config.epochs, tf.memory().numTensors), status: startPaused ? 'paused' : 'training', epoch: resume?.state.epochsCompleted ?? 0 };
    const history = resume ? { batches: checkpointBatches(resume), epochs: resume.history.epochs.map(epochEventOf) } : undefined;
    this.emit({ type: 'runStarted', progress: this.progress, history });
    const modelSeed = config.seed;
    let batchesTrained = 0;
    let finish!: () => void;
    this.runDone = new Promise((resolve) => (finish = resolve));
    const current = { alive: true, finish };
    let checkpointWarned = false;
    this.currentRun = current;
    const outcome = await runTraining({
      model,
      optimizer: this.optimizer!,
      data,
      config,
      spec,
      control: this.control,
      signal: run.signal,
      modelRevision: this.modelInfo.revision,
      emit: (event) => current.alive && this.emit(event),
      update: (patch) => (current.alive ? this.setProgress(patch) : this.progress),
      onEvaluationStart: (controller) => {
        this.run = null;
        this.evaluation = controller;
      },
      onBatchTrained: () => batchesTrained++,
      startWeights: this.startWeights,
      discarded: () => this.discarding,
      resume: resume && history ? { state: resume.state, ...history } : undefined,
      onEpochEnd: async (state, runHistory) => {
        if (!current.alive) return;
        try {
          const checkpoint = await captureCheckpoint({
            model,
            optimizer: this.optimizer!,
            spec,
            modelSeed: resume?.modelSeed ?? modelSeed,
            config: trainConfigFor(config, spec),
            state,
            history: { epochs: runHistory.epochs.map(epochRecordOf), batches: runHistory.batches.map(({ step, loss, accuracy }) => ({ step, loss, accuracy })) },
          });
          await this.library.saveCheckpoint(checkpoint);
        } catch (error) {
          if (checkpointWarned) return;
          checkpointWarned = true;
          // A full or missing store must not end the run: it only cannot be resumed after a reload.
          this.emit({ type: 'failure', message: `This epoch could not be checkpointed, so the run cannot resume after a reload: ${(error as Error).message}` });
        }
      },
    });
    if (!current.alive) return;
    batchesTrained += resume?.state.batchesCompleted ?? 0;
    this.lastRun = { batches: outcome.batches, epochs: outcome.epochHistory, config };
    // A run that ended (finished, stopped or reset) needs no resuming; a failed one keeps its checkpoint.
    if (outcome.status !== 'error') void this.library.clearCheckpoint();
    this.currentRun = null;
    this.run = null;
    this.evaluation = null;
    this.modelInfo = { ...this.modelInfo, batchesTrained, source: batchesTrained > 0 ? 'trained' : 'untrained', test: outcome.evaluation?.result ?? null };
    if (this.discarding) {
      finish();
      return;
    }
    this.emit({ type: 'model', model: this.modelInfo });
    this.emit({ type: 'testEvaluation', evaluation: outcome.evaluation });
    if (outcome.batches.length > 0) {
      const record: RunSummary = {
        id,
        config,
        spec,
        backend: this.backend?.active ?? null,
        params: model.countParams(),
        status: outcome.status,
        endedAt: { epoch: this.progress.epoch, batch: this.progress.batch, batchesInEpoch: this.progress.batchesInEpoch },
        earlyStopping: outcome.earlyStopping,
        test: outcome.evaluation?.result ?? null,
        seconds: (performance.now() - started) / 1000,
      };
      this.setProgress({ earlyStopping: outcome.earlyStopping });
      this.emit({ type: 'runEnded', run: record });
    }
    finish();
  }

  private pause(): void {
    if (this.progress.status !== 'training') return;
    this.control.pause();
    this.emitProgress({ status: 'paused' });
  }

  private resume(): void {
    if (this.progress.status !== 'paused') return;
    this.control.resume();
    this.emitProgress({ status: 'training', waiting: false, divergence: null });
  }

  /** After a divergence: the weights from before the run's first batch, back in the model (the run stays paused). */
  private restoreStartWeights(): void {
    if (!this.model || !this.startWeights?.saved) throw new Error('There are no weights from before this run to restore.');
    this.startWeights.restore(this.model);
    this.emitProgress({ divergence: null });
  }

  /** The network's shapes and its resource budget on the running backend at the run's batch size. */
  private analysis(spec: ModelSpec) {
    const active = this.backend?.active;
    return active ? analyzeModelWithBudget(spec, { backend: active, batchSize: this.config.batchSize, softwareWebGl: this.backend?.software ?? false }) : { ...analyzeModel(spec), budget: null };
  }

  /** While paused, runs exactly one batch; when idle, starts a paused run and runs its first batch. */
  private async step(): Promise<void> {
    if (this.progress.status === 'paused') {
      this.emitProgress({ waiting: false });
      this.control.step();
      return;
    }
    if (!this.isBusy()) {
      const run = this.train(true);
      this.control.step();
      await run;
    }
  }

  /** Stops any run without evaluating it, then a fresh untrained model and no curves. */
  private async reset(): Promise<void> {
    this.discarding = true;
    try {
      // A run being thrown away skips its test evaluation; one already testing is aborted.
      this.run?.abort();
      this.evaluation?.abort();
      await this.runDone;
    } finally {
      this.discarding = false;
    }
    if (this.backend?.status !== 'ready') return;
    this.rebuildModel();
    this.progress = idleProgress(this.config.epochs, tf.memory().numTensors);
    this.emit({ type: 'reset', progress: this.progress });
  }

  private requireIdle(what: string): void {
    if (this.isBusy()) throw new Error(`A run is in progress: stop it first to ${what}.`);
  }

  private requireIdleModel(what: string): tf.LayersModel {
    this.requireIdle(what);
    if (!this.model) throw new Error(`There is no model to ${what}.`);
    return this.model;
  }

  /** What is saved or exported with the active model: its name, recipe, accuracy and curves. */
  private metadataOfActive(name: string): ModelMetadata {
    const info = this.modelInfo;
    const run = info.source === 'trained' ? this.lastRun : null;
    return metadataFor({
      name,
      source: info.source === 'pretrained' ? 'pretrained' : info.source === 'imported' ? 'imported' : 'trained',
      spec: this.builtSpec,
      epochsTrained: run ? run.epochs.length : (info.test?.epochsCompleted ?? 0),
      test: info.test ? { accuracy: info.test.accuracy, count: info.test.count } : null,
      params: info.params,
      epochs: run ? run.epochs.map(epochRecordOf) : [],
      batches: run?.batches ?? [],
      training: run ? { seed: run.config.seed, batchSize: run.config.batchSize, trainSize: run.config.trainSize, validationSplit: run.config.validationSplit, backend: this.backend?.active ?? undefined } : undefined,
    });
  }

  /** Makes the last run's model (kept aside) the active one again. */
  private restoreRunModel(): void {
    const stashed = this.stashedRun;
    if (!stashed) throw new Error('There is no model from a run in this tab.');
    this.stashedRun = null;
    this.disposeModel();
    this.model = stashed.model;
    this.optimizer = stashed.optimizer;
    this.builtSpec = stashed.spec;
    this.publishModel(stashed.info.batchesTrained, { source: 'trained', test: stashed.info.test });
    this.emit({ type: 'runModel', available: false });
  }

  private async interruptedRun(action: 'resume' | 'save' | 'discard'): Promise<null> {
    this.requireIdle('change the interrupted run');
    const checkpoint = await this.library.loadCheckpoint();
    if (!checkpoint) throw new Error('The interrupted run is no longer stored.');
    if (action === 'resume') {
      this.emit({ type: 'interruptedRun', run: null });
      void this.train(false, checkpoint);
      return null;
    }
    if (action === 'save') {
      const { model, optimizer } = await restoreCheckpoint(checkpoint);
      optimizer.dispose();
      try {
        const name = `${architectureName(checkpoint.spec)}, ${checkpoint.state.epochsCompleted} of ${checkpoint.config.epochs} epochs`;
        await this.library.save(
          model,
          metadataFor({ name, source: 'trained', spec: checkpoint.spec, epochsTrained: checkpoint.state.epochsCompleted, test: null, params: model.countParams(), epochs: checkpoint.history.epochs, batches: checkpoint.history.batches }),
        );
      } finally {
        model.dispose();
      }
      await this.publishLibrary();
    }
    await this.library.clearCheckpoint();
    this.emit({ type: 'interruptedRun', run: null });
    return null;
  }

  private async answer(request: EngineRequest): Promise<ResponseOf[keyof ResponseOf]> {
    switch (request.kind) {
      case 'predict': {
        if (!this.model) throw new Error('No model yet.');
        return predictProbabilities(this.model, request.pixels);
      }
      case 'inspect': {
        const model = this.model;
        if (!model) throw new Error('No model yet.');
        const { revision, batchesTrained } = this.modelInfo;
        const snapshot = await computeInternals(model, request.request);
        return { snapshot, modelRevision: revision, batchesTrained };
      }
      case 'benchTrain': {
        const data = this.data?.data;
        if (!data) throw new Error('The dataset is not loaded.');
        return benchTrain(data, request.options);
      }
      case 'loseDevice':
        return this.deps.backendPlatform.loseDevice?.() ?? false;
      case 'benchTimeToAccuracy': {
        const data = this.data?.data;
        if (!data) throw new Error('The dataset is not loaded.');
        this.requireIdle('measure time to accuracy');
        return benchTimeToAccuracy(data, request.options);
      }
      case 'saveModel': {
        const model = this.requireIdleModel('save');
        const saved = await this.library.save(model, this.metadataOfActive(request.name));
        await this.publishLibrary();
        return saved;
      }
      case 'loadSavedModel': {
        this.requireIdle('load a model');
        const { model, metadata } = await this.library.load(request.id);
        this.activate(model, metadata, 'saved');
        return null;
      }
      case 'renameSavedModel':
        await this.library.rename(request.id, request.name);
        await this.publishLibrary();
        return null;
      case 'deleteSavedModel':
        await this.library.delete(request.id);
        await this.publishLibrary();
        return null;
      case 'exportModel': {
        const model = this.requireIdleModel('export');
        return this.library.export(model, this.metadataOfActive(this.modelInfo.name));
      }
      case 'importModel': {
        this.requireIdle('import a model');
        const { model, metadata } = await this.library.import(request.bytes, request.fileName);
        this.activate(model, metadata, 'imported');
        return null;
      }
      case 'useModel':
        this.requireIdle('switch models');
        if (request.which === 'pretrained') {
          const { model, metadata } = await this.library.loadPretrained();
          this.activate(model, metadata, 'pretrained');
        } else {
          this.restoreRunModel();
        }
        return null;
      case 'interruptedRun':
        return this.interruptedRun(request.action);
      case 'restoreStartWeights':
        this.restoreStartWeights();
        return null;
      case 'evaluateActiveModel':
        await this.evaluateActiveModel();
        return null;
    }
  }
}
