/**
 * The one bridge between the ML core and React: owns the backend, dataset, model and
 * training run, exposes AppState snapshots (useSyncExternalStore) and takes commands.
 * Feature panels read the model and data through the getters and may add epoch hooks.
 */
import * as tf from '@tensorflow/tfjs';
import { activateBackend, type BackendPlatform } from '../ml/backends/activateBackend';
import { runConfigProblems, type BackendChoice, type ParsedRunConfig, type RunConfig } from '../ml/config/runConfig';
import type { FashionMnistData } from '../ml/data/dataset';
import { analyzeModel } from '../ml/model/analyze';
import { buildModel, createOptimizer } from '../ml/model/build';
import type { ModelSpec } from '../ml/model/spec';
import { TrainingControl } from '../ml/training/control';
import { DataController, type DataDeps } from './dataController';
import { idleTraining, initialState } from './initialState';
import { StateCell } from './stateCell';
import { runTrainingSession, type EpochHook } from './trainingSession';
import type { AppState, RunRecord, TestEvaluation } from './types';

export interface GpuReading {
  readonly renderer: string;
  readonly software: boolean;
}

export interface PlaygroundDeps extends DataDeps {
  readonly backendPlatform: BackendPlatform;
  readonly readGpuInfo: () => GpuReading | null;
  /** Mirrors the config to the address bar. */
  readonly onConfigChange?: (config: RunConfig, spec: ModelSpec) => void;
}

export class PlaygroundStore {
  private readonly cell: StateCell<AppState>;
  private readonly dataController: DataController;
  private model: tf.LayersModel | null = null;
  private optimizer: tf.Optimizer | null = null;
  private run: AbortController | null = null;
  private evaluation: AbortController | null = null;
  private control = new TrainingControl();
  private testEvaluation: TestEvaluation | null = null;
  private readonly epochHooks = new Set<EpochHook>();
  private autostarted = false;
  private runsStarted = 0;

  constructor(
    parsed: ParsedRunConfig & { spec?: ModelSpec },
    private readonly deps: PlaygroundDeps,
  ) {
    this.cell = new StateCell(initialState(parsed));
    this.dataController = new DataController(this.cell, deps, () => this.maybeAutostart());
  }

  subscribe = (listener: () => void): (() => void) => this.cell.subscribe(listener);
  getSnapshot = (): AppState => this.cell.get();

  /** The current model (rebuilt for every run); null until the backend is ready. */
  getModel(): tf.LayersModel | null {
    return this.model;
  }

  getData(): FashionMnistData | null {
    return this.dataController.data;
  }

  /** Probabilities and predictions of the last test-set evaluation. */
  getTestEvaluation(): TestEvaluation | null {
    return this.testEvaluation;
  }

  /** Runs `hook` after every epoch of every run (awaited); returns an unregister function. */
  addEpochHook(hook: EpochHook): () => void {
    this.epochHooks.add(hook);
    return () => this.epochHooks.delete(hook);
  }

  private get state(): AppState {
    return this.cell.get();
  }

  /** Starts the backend and the data download in parallel. */
  async start(): Promise<void> {
    await Promise.all([this.startBackend(this.state.config.backend), this.loadData()]);
  }

  loadData(): Promise<void> {
    return this.dataController.load();
  }

  private async startBackend(choice: BackendChoice): Promise<void> {
    this.cell.set((s) => ({ ...s, backend: { ...s.backend, status: 'starting', requested: choice, error: null } }));
    try {
      const status = await activateBackend(choice, this.deps.backendPlatform);
      const gpu = this.deps.readGpuInfo();
      const details = status.active === 'wasm' ? ((await this.deps.backendPlatform.describeWasm?.()) ?? null) : null;
      const softwareNote = gpu?.software ? `WebGL is software-rendered here (${gpu.renderer}), so training on it is slow.` : null;
      this.cell.set((s) => ({
        ...s,
        backend: {
          status: 'ready',
          requested: choice,
          active: status.active,
          renderer: gpu?.renderer ?? null,
          software: gpu?.software ?? false,
          details,
          note: [status.fallbackReason, softwareNote].filter(Boolean).join(' ') || null,
          error: null,
        },
      }));
      this.rebuildModel();
      this.maybeAutostart();
    } catch (error) {
      this.cell.set((s) => ({ ...s, backend: { ...s.backend, status: 'error', error: (error as Error).message } }));
    }
  }

  /** Switches the compute backend (when no run is active); the model is rebuilt on it. */
  async setBackend(choice: BackendChoice): Promise<void> {
    if (this.isBusy()) return;
    this.disposeModel();
    this.setConfig({ backend: choice });
    await this.startBackend(choice);
  }

  private disposeModel(): void {
    this.model?.dispose();
    this.optimizer?.dispose();
    this.model = null;
    this.optimizer = null;
    this.testEvaluation = null;
  }

  /** A fresh model (seeded by the run seed); none while the spec is not a valid network. */
  private rebuildModel(): void {
    this.disposeModel();
    const spec = this.state.modelSpec;
    if (analyzeModel(spec).valid) {
      this.model = buildModel(spec, { seed: this.state.config.seed });
      this.optimizer = createOptimizer(spec.optimizer, spec.learningRate);
    }
    this.cell.set((s) => ({ ...s, modelRevision: s.modelRevision + 1 }));
  }

  /** Enough is loaded to train: some training examples beyond the validation part, and the test images. */
  canTrain(state: AppState = this.state): boolean {
    const { data, config, backend } = state;
    if (backend.status !== 'ready' || !this.model || runConfigProblems(config).length > 0) return false;
    const valCount = Math.floor(config.trainSize * config.validationSplit);
    return data.trainAvailable > valCount && data.testAvailable >= Math.min(config.testSize, 1) && data.testAvailable >= config.testSize;
  }

  isBusy(state: AppState = this.state): boolean {
    return ['training', 'paused', 'validating', 'evaluating'].includes(state.training.status);
  }

  private maybeAutostart(): void {
    if (this.state.config.autostart && !this.autostarted && this.canTrain()) {
      this.autostarted = true;
      void this.train();
    }
  }

  setConfig(patch: Partial<RunConfig>): void {
    this.cell.set((s) => ({ ...s, config: { ...s.config, ...patch } }));
    this.deps.onConfigChange?.(this.state.config, this.state.modelSpec);
  }

  /**
   * Replaces the architecture/recipe; applies to the next run (the model is rebuilt now if
   * idle). During a run, a new learning rate also takes effect from the next batch.
   */
  setModelSpec(spec: ModelSpec): void {
    if (this.isBusy() && spec.learningRate !== this.state.modelSpec.learningRate) this.control.requestLearningRate(spec.learningRate);
    this.cell.set((s) => ({ ...s, modelSpec: spec }));
    this.deps.onConfigChange?.(this.state.config, spec);
    if (!this.isBusy() && this.state.backend.status === 'ready') this.rebuildModel();
  }

  /** Trains a fresh model with the current settings, then evaluates it on the test images. */
  async train(options: { startPaused?: boolean } = {}): Promise<void> {
    const data = this.getData();
    if (this.isBusy() || !this.canTrain() || !data) return;
    this.rebuildModel();
    const run = new AbortController();
    this.run = run;
    this.control = new TrainingControl();
    if (options.startPaused) this.control.pause();
    const { config, modelSpec: spec } = this.state;
    const started = performance.now();
    const params = this.model!.countParams();
    this.cell.set((s) => ({
      ...s,
      test: null,
      training: { ...idleTraining(config.epochs), status: options.startPaused ? 'paused' : 'training', numTensors: tf.memory().numTensors },
    }));
    const evaluation = await runTrainingSession({
      cell: this.cell,
      model: this.model!,
      optimizer: this.optimizer!,
      data,
      config,
      spec,
      control: this.control,
      signal: run.signal,
      epochHooks: [...this.epochHooks],
      onEvaluationStart: (controller) => {
        this.run = null;
        this.evaluation = controller;
      },
      onEvaluated: (evaluation) => {
        this.testEvaluation = evaluation;
      },
    });
    this.run = null;
    this.evaluation = null;
    if (evaluation) this.testEvaluation = evaluation;
    this.recordRun({ config, spec, params, seconds: (performance.now() - started) / 1000 });
  }

  /** Keeps the run that just ended (setup, curves, test metrics) for comparison. */
  private recordRun(run: Pick<RunRecord, 'config' | 'spec' | 'params' | 'seconds'>): void {
    if (this.state.training.batches.length === 0) return;
    const id = ++this.runsStarted;
    this.cell.set((s) => {
      const record: RunRecord = {
        ...run,
        id,
        backend: s.backend.active,
        status: s.training.status,
        batches: s.training.batches,
        epochHistory: s.training.epochHistory,
        learningRateChanges: s.training.learningRateChanges,
        earlyStopping: s.training.earlyStopping,
        test: s.test,
      };
      return { ...s, runs: [...s.runs, record] };
    });
  }

  removeRun(id: number): void {
    this.cell.set((s) => ({ ...s, runs: s.runs.filter((r) => r.id !== id) }));
  }

  /** Stops training (the model so far is still evaluated); a second Stop cancels that too. */
  stop(): void {
    if (this.run) this.run.abort();
    else this.evaluation?.abort();
  }

  pause(): void {
    if (this.state.training.status !== 'training') return;
    this.control.pause();
    this.cell.set((s) => ({ ...s, training: { ...s.training, status: 'paused' } }));
  }

  resume(): void {
    if (this.state.training.status !== 'paused') return;
    this.control.resume();
    this.cell.set((s) => ({ ...s, training: { ...s.training, status: 'training', waiting: false } }));
  }

  /** While paused, runs exactly one batch; when idle, starts a paused run and runs its first batch. */
  async step(): Promise<void> {
    if (this.state.training.status === 'paused') {
      this.cell.set((s) => ({ ...s, training: { ...s.training, waiting: false } }));
      this.control.step();
      return;
    }
    if (!this.isBusy()) {
      const run = this.train({ startPaused: true });
      this.control.step();
      await run;
    }
  }

  /**
   * Starts over: stops any run without evaluating it, then builds a fresh untrained model
   * and clears the curves and the test result (the instructor's "Reset").
   */
  async reset(): Promise<void> {
    while (this.isBusy()) {
      // Aborting the run starts its test evaluation a moment later: abort that too.
      this.run?.abort();
      this.evaluation?.abort();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (this.state.backend.status !== 'ready') return;
    this.rebuildModel();
    this.cell.set((s) => ({ ...s, test: null, training: idleTraining(s.config.epochs, tf.memory().numTensors) }));
  }
}
