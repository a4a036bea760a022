/**
 * The one bridge between the ML core and React: owns the dataset, model and training
 * run, turns their events into AppState snapshots (throttled), and takes commands.
 * Components subscribe with useSyncExternalStore (see usePlayground.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { activateBackend, type BackendPlatform } from '../ml/backends/activateBackend';
import type { ParsedRunConfig, RunConfig } from '../ml/config/runConfig';
import type { FashionMnistData } from '../ml/data/dataset';
import { DataLoadError, type Fetch } from '../ml/data/fetchWithProgress';
import { createDataset, fetchManifest, loadDataset, type SheetDecoder } from '../ml/data/loader';
import { buildModel, createOptimizer } from '../ml/model/build';
import { SIMPLE_CNN, type ModelSpec } from '../ml/model/spec';
import { range } from '../ml/data/batches';
import { predictInBatches, scorePredictions } from '../ml/training/evaluate';
import { trainModel } from '../ml/training/trainer';
import { idleTraining, initialState } from './initialState';
import { throttle } from './throttle';
import type { AppState, BatchPoint, TrainingState } from './types';

export interface PlaygroundDeps {
  readonly dataBaseUrl: string;
  readonly fetch: Fetch;
  readonly decoders: readonly SheetDecoder[];
  readonly backendPlatform: BackendPlatform;
  readonly readGpuInfo: () => { renderer: string; software: boolean } | null;
  /** Mirrors the config to the address bar. */
  readonly onConfigChange?: (config: RunConfig) => void;
}

/** Chart and progress updates at most this often while training. */
const PUBLISH_INTERVAL_MS = 250;

export class PlaygroundStore {
  private state: AppState;
  private readonly listeners = new Set<() => void>();
  private data: FashionMnistData | null = null;
  private model: tf.LayersModel | null = null;
  private optimizer: tf.Optimizer | null = null;
  private run: AbortController | null = null;
  private evaluation: AbortController | null = null;
  private batchBuffer: BatchPoint[] = [];
  private readonly spec: ModelSpec = SIMPLE_CNN;
  private readonly publish = throttle(() => this.flushBatches(), PUBLISH_INTERVAL_MS);
  private loadStartedAt = 0;
  private autostarted = false;

  constructor(
    parsed: ParsedRunConfig,
    private readonly deps: PlaygroundDeps,
  ) {
    this.state = initialState(parsed);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): AppState => this.state;

  getModel(): tf.LayersModel | null {
    return this.model;
  }

  getData(): FashionMnistData | null {
    return this.data;
  }

  private set(update: (s: AppState) => AppState): void {
    this.state = update(this.state);
    this.listeners.forEach((l) => l());
  }

  private setTraining(patch: Partial<TrainingState>): void {
    this.set((s) => ({ ...s, training: { ...s.training, ...patch } }));
  }

  /** Starts the backend and the data download in parallel. */
  async start(): Promise<void> {
    await Promise.all([this.startBackend(), this.loadData()]);
  }

  private async startBackend(): Promise<void> {
    try {
      const status = await activateBackend(this.state.config.backend, this.deps.backendPlatform);
      const gpu = this.deps.readGpuInfo();
      const softwareNote = gpu?.software ? `WebGL is software-rendered here (${gpu.renderer}): training will be slow.` : null;
      this.set((s) => ({
        ...s,
        backend: {
          status: 'ready',
          requested: status.requested,
          active: status.active,
          renderer: gpu?.renderer ?? null,
          software: gpu?.software ?? false,
          note: [status.fallbackReason, softwareNote].filter(Boolean).join(' ') || null,
          error: null,
        },
      }));
      this.rebuildModel();
      this.maybeAutostart();
    } catch (error) {
      this.set((s) => ({ ...s, backend: { ...s.backend, status: 'error', error: (error as Error).message } }));
    }
  }

  private rebuildModel(): void {
    this.model?.dispose();
    this.optimizer?.dispose();
    this.model = buildModel(this.spec);
    this.optimizer = createOptimizer(this.spec.optimizer, this.spec.learningRate);
    this.set((s) => ({ ...s, modelRevision: s.modelRevision + 1 }));
  }

  /** Loads (or, after a failure, resumes loading) the dataset. */
  async loadData(): Promise<void> {
    if (this.state.data.status === 'loading') return;
    this.loadStartedAt ||= performance.now();
    this.set((s) => ({ ...s, data: { ...s.data, status: 'loading', error: null } }));
    const options = { baseUrl: this.deps.dataBaseUrl, fetch: this.deps.fetch, decoders: this.deps.decoders };
    const progress = throttle(() => this.set((s) => ({ ...s, data: { ...s.data, progress: pendingProgress } })), 100);
    let pendingProgress = this.state.data.progress;
    try {
      const manifest = await fetchManifest(options);
      this.data ??= createDataset(manifest);
      const data = this.data;
      await loadDataset(manifest, data, options, {
        onProgress: (p) => {
          pendingProgress = p;
          progress.request();
        },
        onSheet: (_split, _index, decoder, fellBack) => {
          this.set((s) => ({
            ...s,
            data: {
              ...s.data,
              trainAvailable: data.train.availableCount,
              testAvailable: data.test.availableCount,
              revision: s.data.revision + 1,
              decoderNote: fellBack
                ? `The browser's image decoder altered pixel values, so sheets were decoded exactly in JavaScript (${decoder}).`
                : s.data.decoderNote,
            },
          }));
          this.maybeAutostart();
        },
      });
      progress.flush();
      const seconds = (performance.now() - this.loadStartedAt) / 1000;
      this.set((s) => ({ ...s, data: { ...s.data, status: 'ready', loadSeconds: seconds } }));
    } catch (error) {
      progress.flush();
      const file = error instanceof DataLoadError ? error.file : 'dataset';
      this.set((s) => ({ ...s, data: { ...s.data, status: 'error', error: { message: (error as Error).message, file } } }));
    }
  }

  /** Enough is loaded to train: the first train sheet (or all of trainSize) and the test images. */
  canTrain(state: AppState = this.state): boolean {
    const { data, config, backend } = state;
    if (backend.status !== 'ready' || !this.model) return false;
    const needTrain = Math.min(config.trainSize, 1);
    const trainReady = data.trainAvailable >= needTrain && data.trainAvailable > Math.floor(config.trainSize * config.validationSplit);
    return trainReady && data.testAvailable >= config.testSize;
  }

  isBusy(): boolean {
    return ['training', 'validating', 'evaluating'].includes(this.state.training.status);
  }

  private maybeAutostart(): void {
    if (this.state.config.autostart && !this.autostarted && this.canTrain()) {
      this.autostarted = true;
      void this.train();
    }
  }

  setConfig(patch: Partial<RunConfig>): void {
    this.set((s) => ({ ...s, config: { ...s.config, ...patch } }));
    this.deps.onConfigChange?.(this.state.config);
  }

  /** Trains a fresh model with the current config, then evaluates it on the test images. */
  async train(): Promise<void> {
    if (this.isBusy() || !this.canTrain() || !this.data) return;
    this.rebuildModel();
    const model = this.model!;
    const optimizer = this.optimizer!;
    const data = this.data;
    const config = this.state.config;
    const run = new AbortController();
    this.run = run;
    this.batchBuffer = [];
    let step = 0;
    this.set((s) => ({ ...s, test: null, training: { ...idleTraining(config.epochs), status: 'training', numTensors: tf.memory().numTensors } }));
    let stopped: boolean;
    try {
      const result = await trainModel(
        model,
        optimizer,
        { images: data.train.images, labels: data.train.labels, available: () => data.train.availableCount },
        { epochs: config.epochs, batchSize: config.batchSize, validationSplit: config.validationSplit, trainSize: config.trainSize, seed: config.seed },
        {
          onBatch: (e) => {
            this.batchBuffer.push({ step: ++step, epoch: e.epoch, loss: e.loss, accuracy: e.accuracy });
            this.pendingProgress = { epoch: e.epoch, batch: e.batch + 1, batchesInEpoch: e.batchesInEpoch, examplesPerSecond: e.examplesPerSecond, etaSeconds: e.etaSeconds };
            this.publish.request();
          },
          onPhase: (phase, epoch) => {
            this.publish.flush();
            this.setTraining({ status: phase, epoch });
          },
          onEpoch: (e) => {
            this.publish.flush();
            this.setTraining({ epochHistory: [...this.state.training.epochHistory, e], numTensors: tf.memory().numTensors });
          },
        },
        { signal: run.signal },
      );
      stopped = result.stopped;
      this.publish.flush();
    } catch (error) {
      this.publish.flush();
      this.setTraining({ status: 'error', error: (error as Error).message });
      return;
    } finally {
      this.run = null;
    }
    await this.evaluate(stopped);
  }

  private pendingProgress: Partial<TrainingState> = {};

  private flushBatches(): void {
    const added = this.batchBuffer;
    this.batchBuffer = [];
    this.setTraining({ ...this.pendingProgress, batches: added.length ? [...this.state.training.batches, ...added] : this.state.training.batches });
  }

  private async evaluate(partial: boolean): Promise<void> {
    if (!this.model || !this.data) return;
    const controller = new AbortController();
    this.evaluation = controller;
    const count = Math.min(this.state.config.testSize, this.data.test.availableCount);
    const indices = range(0, count);
    const started = performance.now();
    this.setTraining({ status: 'evaluating', evaluationProgress: 0 });
    const progress = throttle(() => this.setTraining({ evaluationProgress: lastDone / count }), PUBLISH_INTERVAL_MS);
    let lastDone = 0;
    const probabilities = await predictInBatches(this.model, this.data.test.images, indices, {
      signal: controller.signal,
      onProgress: (done) => {
        lastDone = done;
        progress.request();
      },
    });
    progress.cancel();
    this.evaluation = null;
    if (!probabilities) {
      this.setTraining({ status: 'stopped', evaluationProgress: null, numTensors: tf.memory().numTensors });
      return;
    }
    const score = scorePredictions(probabilities, this.data.test.labels, indices);
    const seconds = (performance.now() - started) / 1000;
    this.set((s) => ({
      ...s,
      test: { accuracy: score.accuracy, loss: score.loss, count, seconds, partial },
      training: { ...s.training, status: partial ? 'stopped' : 'done', evaluationProgress: null, numTensors: tf.memory().numTensors },
    }));
  }

  /** Stops training (the model so far is still evaluated); a second Stop cancels that too. */
  stop(): void {
    if (this.run) this.run.abort();
    else this.evaluation?.abort();
  }
}
