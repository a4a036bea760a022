/**
 * The training run's room: starting a run (fresh, or resumed from a checkpoint), pause, resume,
 * single steps, stop, reset, checkpoints after each epoch, and the run's progress. The loop
 * itself and the run's events are trainingRun.ts's; this room owns the run's lifecycle.
 */
import * as tf from '@tensorflow/tfjs';
import { trainConfigFor } from '../ml/config/trainConfig';
import { TrainingControl } from '../ml/training/control';
import { WeightSnapshot } from '../ml/training/earlyStopping';
import { captureCheckpoint, restoreCheckpoint, type Checkpoint } from '../ml/training/checkpoint';
import { idleProgress, type RunSummary, type TrainingProgress } from '../protocol/engineState';
import { canStartRun, isBusyStatus } from '../protocol/readiness';
import type { BackendLifecycle } from './backendLifecycle';
import { checkpointBatches, epochEventOf, epochRecordOf, runConfigOf } from './checkpointRecords';
import type { ModelSlot } from './modelSlot';
import type { EngineShared } from './shared';
import { runTraining } from './trainingRun';

export class RunRoom {
  progress: TrainingProgress = idleProgress(0);
  private run: AbortController | null = null;
  private evaluation: AbortController | null = null;
  private control = new TrainingControl();
  private runsStarted = 0;
  /** Set while Reset throws the current run away. */
  private discarding = false;
  private autostarted = false;
  /** Resolves when the current run (training and evaluation) has fully ended. */
  private runDone: Promise<void> = Promise.resolve();
  /** The run in progress: its events stop when the GPU under it is lost (its loop may never wake again). */
  private currentRun: { alive: boolean; finish: () => void } | null = null;
  /** The weights before the current run's first batch, to go back to after a divergence. */
  private startWeights: WeightSnapshot | null = null;

  constructor(
    private readonly shared: EngineShared,
    private readonly slot: ModelSlot,
    private readonly backend: BackendLifecycle,
    /** Other work that occupies the engine (a lesson's experiment): no run starts meanwhile. */
    private readonly otherWork: () => boolean = () => false,
  ) {}

  isBusy(): boolean {
    return isBusyStatus(this.progress.status) || this.otherWork();
  }

  requireIdle(what: string): void {
    if (this.isBusy()) throw new Error(`A run is in progress: stop it first to ${what}.`);
  }

  setProgress(patch: Partial<TrainingProgress>): TrainingProgress {
    this.progress = { ...this.progress, ...patch };
    return this.progress;
  }

  private emitProgress(patch: Partial<TrainingProgress>): void {
    this.shared.emit({ type: 'progress', progress: this.setProgress(patch), batches: [] });
  }

  private canTrain(): boolean {
    const data = this.shared.data?.state;
    const backend = this.backend.state;
    return !!data && !!backend && canStartRun({ backend, data, config: this.shared.settings.config, modelReady: this.slot.model !== null });
  }

  maybeAutostart(): void {
    if (this.shared.settings.config.autostart && !this.autostarted && this.canTrain()) {
      this.autostarted = true;
      void this.train(false);
    }
  }

  /** A new learning rate reaches a run in progress from its next batch. */
  requestLearningRate(learningRate: number): void {
    this.control.requestLearningRate(learningRate);
  }

  async train(startPaused: boolean, resume: Checkpoint | null = null): Promise<void> {
    const { shared, slot } = this;
    const { emit, library } = shared;
    const data = shared.data?.data;
    if (this.isBusy() || !this.canTrain() || !data) return;
    const analysis = this.backend.analysis(resume?.spec ?? shared.settings.spec);
    if (!analysis.valid) {
      // The page holds Train back for the same reasons; a command that gets here anyway is refused, never run.
      emit({ type: 'failure', message: `This network cannot be trained here: ${[...analysis.modelProblems, ...(analysis.budget?.problems ?? [])].join(' ') || 'it is not valid.'}` });
      return;
    }
    this.startWeights?.dispose();
    this.startWeights = new WeightSnapshot();
    slot.discardStash();
    if (resume) {
      const restored = await restoreCheckpoint(resume);
      slot.replace(restored.model, restored.optimizer, resume.spec);
      shared.settings.spec = resume.spec;
      shared.settings.config = runConfigOf(resume, shared.settings.config);
      slot.publish(resume.state.batchesCompleted, { source: 'trained' });
    } else {
      slot.rebuild(shared.settings.spec, this.backend.state, this.backend.analysis(shared.settings.spec));
      void library.clearCheckpoint();
      emit({ type: 'interruptedRun', run: null });
    }
    const run = new AbortController();
    this.run = run;
    this.control = new TrainingControl();
    if (startPaused) this.control.pause();
    const { config, spec } = shared.settings;
    const started = performance.now();
    const model = slot.model!;
    const optimizer = slot.optimizer!;
    const id = ++this.runsStarted;
    this.progress = { ...idleProgress(config.epochs, tf.memory().numTensors), status: startPaused ? 'paused' : 'training', epoch: resume?.state.epochsCompleted ?? 0 };
    const history = resume ? { batches: checkpointBatches(resume), epochs: resume.history.epochs.map(epochEventOf) } : undefined;
    emit({ type: 'runStarted', progress: this.progress, history });
    const modelSeed = config.seed;
    let batchesTrained = 0;
    let finish!: () => void;
    this.runDone = new Promise((resolve) => (finish = resolve));
    const current = { alive: true, finish };
    let checkpointWarned = false;
    this.currentRun = current;
    const outcome = await runTraining({
      model,
      optimizer,
      data,
      config,
      spec,
      control: this.control,
      signal: run.signal,
      modelRevision: slot.info.revision,
      emit: (event) => current.alive && emit(event),
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
            optimizer,
            spec,
            modelSeed: resume?.modelSeed ?? modelSeed,
            config: trainConfigFor(config, spec),
            state,
            history: { epochs: runHistory.epochs.map(epochRecordOf), batches: [...runHistory.batches] },
          });
          await library.saveCheckpoint(checkpoint);
        } catch (error) {
          if (checkpointWarned) return;
          checkpointWarned = true;
          // A full or missing store must not end the run: it only cannot be resumed after a reload.
          emit({ type: 'failure', message: `This epoch could not be checkpointed, so the run cannot resume after a reload: ${(error as Error).message}` });
        }
      },
    });
    if (!current.alive) return;
    batchesTrained += resume?.state.batchesCompleted ?? 0;
    slot.lastRun = { batches: outcome.batches, epochs: outcome.epochHistory, config };
    // A run that ended (finished, stopped or reset) needs no resuming; a failed one keeps its checkpoint.
    if (outcome.status !== 'error') void library.clearCheckpoint();
    this.currentRun = null;
    this.run = null;
    this.evaluation = null;
    slot.info = { ...slot.info, batchesTrained, source: batchesTrained > 0 ? 'trained' : 'untrained', test: outcome.evaluation?.result ?? null };
    if (this.discarding) {
      finish();
      return;
    }
    emit({ type: 'model', model: slot.info });
    emit({ type: 'testEvaluation', evaluation: outcome.evaluation });
    if (outcome.batches.length > 0) {
      const record: RunSummary = {
        id,
        config,
        spec,
        backend: this.backend.state?.active ?? null,
        params: model.countParams(),
        status: outcome.status,
        endedAt: { epoch: this.progress.epoch, batch: this.progress.batch, batchesInEpoch: this.progress.batchesInEpoch },
        earlyStopping: outcome.earlyStopping,
        test: outcome.evaluation?.result ?? null,
        seconds: (performance.now() - started) / 1000,
      };
      this.setProgress({ earlyStopping: outcome.earlyStopping });
      emit({ type: 'runEnded', run: record });
    }
    finish();
  }

  pause(): void {
    if (this.progress.status !== 'training') return;
    this.control.pause();
    this.emitProgress({ status: 'paused' });
  }

  resume(): void {
    if (this.progress.status !== 'paused') return;
    this.control.resume();
    this.emitProgress({ status: 'training', waiting: false, divergence: null });
  }

  /** While paused, runs exactly one batch; when idle, starts a paused run and runs its first batch. */
  async step(): Promise<void> {
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

  /** Stops training (the model so far is still evaluated); a second stop cancels that too. */
  stop(): void {
    if (this.run) this.run.abort();
    else this.evaluation?.abort();
  }

  /** After a divergence: the weights from before the run's first batch, back in the model (the run stays paused). */
  restoreStartWeights(): void {
    if (!this.slot.model || !this.startWeights?.saved) throw new Error('There are no weights from before this run to restore.');
    this.startWeights.restore(this.slot.model);
    this.emitProgress({ divergence: null });
  }

  /**
   * Stops any run without evaluating it, then no curves and the default model active again (the
   * pretrained one, from `activateDefault`; a fresh untrained one where there is none). A model
   * trained here is kept aside.
   */
  async reset(activateDefault: () => Promise<boolean>): Promise<void> {
    this.discarding = true;
    try {
      // A run being thrown away skips its test evaluation; one already testing is aborted.
      this.run?.abort();
      this.evaluation?.abort();
      await this.runDone;
    } finally {
      this.discarding = false;
    }
    if (this.backend.state?.status !== 'ready') return;
    const { spec, config } = this.shared.settings;
    if (!(await activateDefault())) this.slot.rebuild(spec, this.backend.state, this.backend.analysis(spec));
    this.progress = idleProgress(config.epochs, tf.memory().numTensors);
    this.shared.emit({ type: 'reset', progress: this.progress });
  }

  /**
   * The GPU under the run is gone: the run is abandoned (its events muted: a read-back on a lost
   * context may never return). Returns where it stood, for the message, or null with no run.
   */
  abandonForDeviceLoss(): string | null {
    const run = this.currentRun;
    if (!run) return null;
    const where = ` at epoch ${this.progress.epoch + 1}, batch ${this.progress.batch}`;
    run.alive = false;
    this.currentRun = null;
    // Where the loop can still run (the CPU is fine, only the GPU was lost) it ends at once.
    this.run?.abort();
    this.evaluation?.abort();
    this.run = null;
    this.evaluation = null;
    run.finish();
    return where;
  }
}
