/**
 * The model slot: the one active model (what Classify, Evaluate and the internals use) with its
 * optimizer and what is known of it (ModelInfo), and the last run's model kept aside while
 * another is active. Builds, replaces, publishes and disposes models; trains none.
 */
import type * as tf from '@tensorflow/tfjs';
import { architectureName } from '../ml/config/describeSetup';
import type { RunConfig } from '../ml/config/runConfig';
import { describeLayers } from '../ml/internals/layerInfo';
import { buildModel, createOptimizer } from '../ml/model/build';
import type { ModelSpec } from '../ml/model/spec';
import type { ModelMetadata } from '../ml/models/metadata';
import type { EpochEvent } from '../ml/training/trainer';
import type { BatchPoint, ModelInfo, ModelSource, TestResult } from '../protocol/engineState';
import { epochRecordOf } from './checkpointRecords';
import { metadataFor } from './modelLibrary';
import type { EngineShared, ReportedBackend } from './shared';

/** Why a spec cannot be built on the running backend (see BackendLifecycle.analysis). */
export interface BuildCheck {
  readonly valid: boolean;
  readonly budget: { readonly problems: readonly string[] } | null;
}

export class ModelSlot {
  model: tf.LayersModel | null = null;
  optimizer: tf.Optimizer | null = null;
  /** The spec the current model was built from (the form may have moved on since). */
  builtSpec!: ModelSpec;
  info: ModelInfo = { revision: 0, ready: false, name: '', source: 'untrained', spec: null, test: null, error: null, batchesTrained: 0, params: 0, layers: [] };
  /** The last run's model and what is known of it, kept aside while another model is active. */
  private stashed: { model: tf.LayersModel; optimizer: tf.Optimizer | null; spec: ModelSpec; info: ModelInfo } | null = null;
  /** The last run's curves, saved with its model. */
  lastRun: { batches: readonly BatchPoint[]; epochs: readonly EpochEvent[]; config: RunConfig } | null = null;

  constructor(private readonly shared: EngineShared) {}

  dispose(): void {
    this.model?.dispose();
    this.optimizer?.dispose();
    this.model = null;
    this.optimizer = null;
  }

  /** Forgets the model without disposing it (its tensors went with a lost GPU context). */
  forget(): void {
    this.model = null;
    this.optimizer = null;
  }

  /** A fresh model (seeded by the run seed); none while the spec is not a valid network on `backend`. */
  rebuild(spec: ModelSpec, backend: ReportedBackend | null, check: BuildCheck): void {
    this.dispose();
    this.builtSpec = spec;
    let error: string | null = null;
    if (backend?.status === 'ready' && !check.valid && check.budget && check.budget.problems.length > 0) {
      error = check.budget.problems.join(' ');
    } else if (backend?.status === 'ready' && check.valid) {
      try {
        this.model = buildModel(spec, { seed: this.shared.settings.config.seed });
        this.optimizer = createOptimizer(spec.optimizer, spec.learningRate);
      } catch (e) {
        // e.g. "Array buffer allocation failed": the network does not fit; the backend is fine.
        this.dispose();
        error = `This network could not be built on ${backend.active}: ${(e as Error).message}. Make it smaller (fewer filters or units).`;
      }
    }
    this.publish(0, { source: 'untrained', error });
  }

  /** Puts `model` (and its optimizer) in the slot as built from `spec`, disposing what was there. */
  replace(model: tf.LayersModel, optimizer: tf.Optimizer | null, spec: ModelSpec): void {
    this.dispose();
    this.model = model;
    this.optimizer = optimizer;
    this.builtSpec = spec;
  }

  /** A new revision of ModelInfo for the model in the slot, sent to the page. */
  publish(batchesTrained: number, about: { source: ModelSource; error?: string | null; test?: TestResult | null; name?: string }): void {
    const model = this.model;
    this.info = {
      revision: this.info.revision + 1,
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
    this.shared.emit({ type: 'model', model: this.info });
  }

  /** Makes a loaded (not trained here) model the active one; the last run's model is kept aside. */
  activate(model: tf.LayersModel, metadata: ModelMetadata, source: ModelSource): void {
    this.stashRunModel();
    this.replace(model, null, metadata.spec);
    const test = metadata.testAccuracy ? { accuracy: metadata.testAccuracy.accuracy, loss: NaN, count: metadata.testAccuracy.count, seconds: 0, partial: false, epochsCompleted: metadata.epochsTrained, epochs: metadata.epochsTrained } : null;
    this.publish(metadata.epochsTrained > 0 ? 1 : 0, { source, name: metadata.name, test });
  }

  /** Keeps the last run's trained model aside (instead of disposing it) when another model becomes active. */
  private stashRunModel(): void {
    if (this.model && this.info.source === 'trained') {
      this.dropStash();
      this.stashed = { model: this.model, optimizer: this.optimizer, spec: this.builtSpec, info: this.info };
      this.model = null;
      this.optimizer = null;
      this.shared.emit({ type: 'runModel', available: true });
    }
  }

  /** A new run starts: the model kept aside is gone for good. */
  discardStash(): void {
    this.dropStash();
    this.shared.emit({ type: 'runModel', available: false });
  }

  private dropStash(): void {
    this.stashed?.model.dispose();
    this.stashed?.optimizer?.dispose();
    this.stashed = null;
  }

  /** Makes the last run's model (kept aside) the active one again. */
  restoreRunModel(): void {
    const stashed = this.stashed;
    if (!stashed) throw new Error('There is no model from a run in this tab.');
    this.stashed = null;
    this.replace(stashed.model, stashed.optimizer, stashed.spec);
    this.publish(stashed.info.batchesTrained, { source: 'trained', test: stashed.info.test });
    this.shared.emit({ type: 'runModel', available: false });
  }

  /** What is saved or exported with the active model: its name, recipe, accuracy and curves. */
  metadataOfActive(name: string, backend: ReportedBackend | null): ModelMetadata {
    const info = this.info;
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
      training: run ? { seed: run.config.seed, batchSize: run.config.batchSize, trainSize: run.config.trainSize, validationSplit: run.config.validationSplit, backend: backend?.active ?? undefined } : undefined,
    });
  }
}
