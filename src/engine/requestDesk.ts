/**
 * The request desk: questions with one answer each (predict, inspect, the model library's
 * actions, the benchmark's and tests' requests), the library's and the pretrained model's
 * announcements, and evaluating a model that was loaded rather than trained here.
 */
import type * as tf from '@tensorflow/tfjs';
import { architectureName } from '../ml/config/describeSetup';
import { computeInternals } from '../ml/internals/snapshot';
import { predictProbabilities } from '../ml/training/predictOne';
import { restoreCheckpoint } from '../ml/training/checkpoint';
import type { EngineRequest, ResponseOf } from '../protocol/messages';
import type { BackendLifecycle } from './backendLifecycle';
import { metadataFor } from './modelLibrary';
import type { ModelSlot } from './modelSlot';
import type { RunRoom } from './runRoom';
import type { EngineShared } from './shared';
import { evaluateModel } from './trainingRun';

export class RequestDesk {
  /** The model revision whose test evaluation was asked for last (see evaluateActiveModel). */
  private evaluatedRevision = -1;
  /** The shipped model loaded once: Reset goes back to it. */
  private pretrainedReady = false;

  constructor(
    private readonly shared: EngineShared,
    private readonly slot: ModelSlot,
    private readonly backend: BackendLifecycle,
    private readonly runs: RunRoom,
    private readonly pretrainedUrl: () => string | null,
  ) {}

  async publishLibrary(): Promise<void> {
    this.shared.emit({ type: 'library', library: await this.shared.library.state() });
  }

  /**
   * Fetches the shipped model (lazily: after the backend is up, beside the data download) and
   * makes it the active model while nothing has been trained, so a first visit classifies well.
   */
  /** After Reset: the shipped model active again, if it loaded once (false: none to go back to). */
  async activatePretrainedAfterReset(): Promise<boolean> {
    if (!this.pretrainedReady) return false;
    try {
      const { model, metadata } = await this.shared.library.loadPretrained();
      this.slot.activate(model, metadata, 'pretrained');
      return true;
    } catch {
      return false;
    }
  }

  async offerPretrained(): Promise<void> {
    const { emit, library } = this.shared;
    if (!this.pretrainedUrl() || this.backend.state?.status !== 'ready') {
      emit({ type: 'pretrained', pretrained: { status: 'none', name: null, testAccuracy: null, testCount: null, error: null } });
      return;
    }
    emit({ type: 'pretrained', pretrained: { status: 'loading', name: null, testAccuracy: null, testCount: null, error: null } });
    try {
      const { model, metadata } = await library.loadPretrained();
      const test = metadata.testAccuracy;
      this.pretrainedReady = true;
      // The model first, then the news: a page never sees "ready" beside the untrained placeholder.
      if (this.slot.info.source === 'untrained' && !this.runs.isBusy()) this.slot.activate(model, metadata, 'pretrained');
      else model.dispose();
      emit({ type: 'pretrained', pretrained: { status: 'ready', name: metadata.name, testAccuracy: test?.accuracy ?? null, testCount: test?.count ?? null, error: null } });
    } catch (error) {
      emit({ type: 'pretrained', pretrained: { status: 'error', name: null, testAccuracy: null, testCount: null, error: (error as Error).message } });
    }
  }

  /**
   * The active model's test evaluation outside a run (a pretrained, saved or imported model), asked
   * for by the evaluation view when it is shown: never at start-up, where it would slow Train's first batch.
   */
  private async evaluateActiveModel(): Promise<void> {
    const { slot } = this;
    const model = slot.model;
    const data = this.shared.data?.data;
    if (!model || !data || this.runs.isBusy() || slot.info.source === 'untrained' || slot.info.source === 'trained') return;
    const testSize = this.shared.settings.config.testSize;
    const count = Math.min(testSize, data.test.availableCount);
    const revision = slot.info.revision;
    // One evaluation per model: a second request for it (StrictMode, a view shown twice) is answered by the first.
    if (count === 0 || count < testSize || this.evaluatedRevision === revision) return;
    this.evaluatedRevision = revision;
    const evaluation = await evaluateModel(model, slot.builtSpec.inputScaling, data, count, revision, slot.info.spec?.flipTta ?? false);
    if (evaluation && slot.info.revision === revision) this.shared.emit({ type: 'modelEvaluation', evaluation });
  }

  private requireIdleModel(what: string): tf.LayersModel {
    this.runs.requireIdle(what);
    if (!this.slot.model) throw new Error(`There is no model to ${what}.`);
    return this.slot.model;
  }

  private async interruptedRun(action: 'resume' | 'save' | 'discard'): Promise<null> {
    const { emit, library } = this.shared;
    this.runs.requireIdle('change the interrupted run');
    const checkpoint = await library.loadCheckpoint();
    if (!checkpoint) throw new Error('The interrupted run is no longer stored.');
    if (action === 'resume') {
      emit({ type: 'interruptedRun', run: null });
      void this.runs.train(false, checkpoint);
      return null;
    }
    if (action === 'save') {
      const { model, optimizer } = await restoreCheckpoint(checkpoint);
      optimizer.dispose();
      try {
        const name = `${architectureName(checkpoint.spec)}, ${checkpoint.state.epochsCompleted} of ${checkpoint.config.epochs} epochs`;
        await library.save(
          model,
          metadataFor({ name, source: 'trained', spec: checkpoint.spec, epochsTrained: checkpoint.state.epochsCompleted, test: null, params: model.countParams(), epochs: checkpoint.history.epochs, batches: checkpoint.history.batches }),
        );
      } finally {
        model.dispose();
      }
      await this.publishLibrary();
    }
    await library.clearCheckpoint();
    emit({ type: 'interruptedRun', run: null });
    return null;
  }

  /** Waits for a backend start in progress; a model can only be loaded on a backend that is up. */
  private async backendReady(): Promise<void> {
    const backend = await this.backend.whenSettled();
    if (backend?.status !== 'ready') throw new Error(`The compute backend is not running${backend?.error ? ` (${backend.error})` : ''}: choose another one in the backend menu, then try again.`);
  }

  async answer(request: EngineRequest): Promise<ResponseOf[keyof ResponseOf]> {
    const { slot, runs } = this;
    const { library } = this.shared;
    switch (request.kind) {
      case 'predict': {
        if (!slot.model) throw new Error('No model yet.');
        return predictProbabilities(slot.model, request.pixels, slot.builtSpec.inputScaling);
      }
      case 'inspect': {
        const model = slot.model;
        if (!model) throw new Error('No model yet.');
        const { revision, batchesTrained } = slot.info;
        const snapshot = await computeInternals(model, request.request, slot.builtSpec.inputScaling);
        return { snapshot, modelRevision: revision, batchesTrained };
      }
      case 'benchTrain':
      case 'benchCounters':
      case 'benchTimeToAccuracy': {
        // The production build leaves the benchmark's code out (a constant condition the bundler removes).
        if (import.meta.env.MODE === 'production') throw new Error('This build has no benchmark: run npm run bench.');
        const data = this.shared.data?.data;
        if (!data) throw new Error('The dataset is not loaded.');
        if (request.kind === 'benchTimeToAccuracy') runs.requireIdle('measure time to accuracy');
        const { answerBenchRequest } = await import('./benchRequests');
        return answerBenchRequest(data, request, this.shared.warmup);
      }
      case 'loseDevice':
        return this.shared.deps.backendPlatform.loseDevice?.() ?? false;
      case 'saveModel': {
        const model = this.requireIdleModel('save');
        const saved = await library.save(model, slot.metadataOfActive(request.name, this.backend.state));
        await this.publishLibrary();
        return saved;
      }
      case 'loadSavedModel': {
        runs.requireIdle('load a model');
        await this.backendReady();
        const { model, metadata } = await library.load(request.id);
        slot.activate(model, metadata, 'saved');
        return null;
      }
      case 'renameSavedModel':
        await library.rename(request.id, request.name);
        await this.publishLibrary();
        return null;
      case 'deleteSavedModel':
        await library.delete(request.id);
        await this.publishLibrary();
        return null;
      case 'exportModel': {
        const model = this.requireIdleModel('export');
        return library.export(model, slot.metadataOfActive(slot.info.name, this.backend.state));
      }
      case 'importModel': {
        runs.requireIdle('import a model');
        await this.backendReady();
        const { model, metadata } = await library.import(request.bytes, request.fileName);
        slot.activate(model, metadata, 'imported');
        return null;
      }
      case 'useModel':
        runs.requireIdle('switch models');
        await this.backendReady();
        if (request.which === 'pretrained') {
          const { model, metadata } = await library.loadPretrained();
          slot.activate(model, metadata, 'pretrained');
        } else {
          slot.restoreRunModel();
        }
        return null;
      case 'interruptedRun':
        return this.interruptedRun(request.action);
      case 'restoreStartWeights':
        runs.restoreStartWeights();
        return null;
      case 'evaluateActiveModel':
        await this.evaluateActiveModel();
        return null;
    }
  }
}
