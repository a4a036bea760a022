/**
 * The engine's models beyond the one it trains: the pretrained model shipped with the page,
 * the models saved in this browser (IndexedDB), export and import as zip files, and the
 * checkpoint of the run in progress (so a reload or a crash can resume it). Holds no model
 * itself: it loads and stores, and the engine decides which model is active.
 */
import type * as tf from '@tensorflow/tfjs';
import { modelToFiles } from '../ml/models/artifacts';
import { importModelZip } from '../ml/models/loadModel';
import { MODEL_FORMAT_VERSION, downsampleCurve, type BatchPoint, type ModelMetadata } from '../ml/models/metadata';
import { exportFileName, zipFiles } from '../ml/models/modelZip';
import { loadPretrainedModel } from '../ml/models/pretrained';
import type { Checkpoint } from '../ml/training/checkpoint';
import { ModelStorage, type SavedModelInfo } from '../platform/modelStorage';
import type { InterruptedRun, LibraryState, SavedModelSummary } from '../protocol/library';


const summarize = (info: SavedModelInfo, architecture: (spec: ModelMetadata['spec']) => string): SavedModelSummary => ({
  id: info.id,
  name: info.metadata.name,
  savedAt: info.savedAt,
  architecture: architecture(info.metadata.spec),
  epochsTrained: info.metadata.epochsTrained,
  testAccuracy: info.metadata.testAccuracy?.accuracy ?? null,
  testCount: info.metadata.testAccuracy?.count ?? null,
  bytes: info.bytes,
});

/** The one checkpoint slot: a new run replaces the previous run's checkpoint. */
const RUN_ID = 'current-run';

export class ModelLibrary {
  private storage: Promise<ModelStorage> | null = null;

  constructor(
    /** Directory of the shipped model, ending in '/'. */
    private readonly pretrainedUrl: string,
    private readonly fetch: (url: string) => Promise<Response>,
    private readonly architectureName: (spec: ModelMetadata['spec']) => string,
    private readonly openStorage: () => Promise<ModelStorage> = () => ModelStorage.open(),
  ) {}

  private open(): Promise<ModelStorage> {
    this.storage ??= this.openStorage();
    return this.storage;
  }

  async state(): Promise<LibraryState> {
    try {
      const storage = await this.open();
      const [models, usage] = await Promise.all([storage.list(), storage.usage()]);
      return { available: true, error: null, models: models.map((m) => summarize(m, this.architectureName)), usage };
    } catch (error) {
      return { available: false, error: (error as Error).message, models: [], usage: null };
    }
  }

  loadPretrained(): Promise<{ model: tf.LayersModel; metadata: ModelMetadata }> {
    return loadPretrainedModel(this.pretrainedUrl, this.fetch);
  }

  async save(model: tf.LayersModel, metadata: ModelMetadata): Promise<SavedModelSummary> {
    const storage = await this.open();
    return summarize(await storage.save(model, metadata), this.architectureName);
  }

  async load(id: string): Promise<{ model: tf.LayersModel; metadata: ModelMetadata }> {
    return (await this.open()).load(id);
  }

  async rename(id: string, name: string): Promise<void> {
    await (await this.open()).rename(id, name);
  }

  async delete(id: string): Promise<void> {
    await (await this.open()).delete(id);
  }

  /** The export file: a zip of model.json, weights.bin and metadata.json. */
  async export(model: tf.LayersModel, metadata: ModelMetadata): Promise<{ bytes: Uint8Array; fileName: string }> {
    return { bytes: zipFiles(await modelToFiles(model), metadata), fileName: exportFileName(metadata) };
  }

  import(bytes: Uint8Array, fileName: string) {
    return importModelZip(bytes, { fileName });
  }

  async saveCheckpoint(checkpoint: Checkpoint): Promise<void> {
    await (await this.open()).saveCheckpoint(RUN_ID, checkpoint);
  }

  async loadCheckpoint(): Promise<Checkpoint | null> {
    try {
      const checkpoint = await (await this.open()).loadCheckpoint(RUN_ID);
      // Checkpoints written before input scaling was a setting were all trained on pixels ÷ 255.
      return checkpoint && { ...checkpoint, spec: { ...checkpoint.spec, inputScaling: checkpoint.spec.inputScaling ?? 'unit' } };
    } catch {
      return null;
    }
  }

  async clearCheckpoint(): Promise<void> {
    try {
      await (await this.open()).deleteCheckpoint(RUN_ID);
    } catch {
      // Nothing stored, or no storage: nothing to clear.
    }
  }

  async interruptedRun(): Promise<InterruptedRun | null> {
    try {
      const [info] = await (await this.open()).listCheckpoints();
      if (!info) return null;
      const checkpoint = await this.loadCheckpoint();
      if (!checkpoint) return null;
      return { runId: info.runId, savedAt: info.savedAt, epochsCompleted: info.epochsCompleted, epochs: info.epochs, architecture: this.architectureName(checkpoint.spec) };
    } catch {
      return null;
    }
  }
}

/** Metadata for a model the engine holds, to save or export it. */
export function metadataFor(input: {
  name: string;
  source: ModelMetadata['source'];
  spec: ModelMetadata['spec'];
  epochsTrained: number;
  test: { accuracy: number; count: number } | null;
  params: number;
  epochs: ModelMetadata['history']['epochs'];
  batches: readonly BatchPoint[];
  training?: ModelMetadata['training'];
}): ModelMetadata {
  return {
    formatVersion: MODEL_FORMAT_VERSION,
    name: input.name,
    createdAt: new Date().toISOString(),
    source: input.source,
    spec: input.spec,
    epochsTrained: input.epochsTrained,
    testAccuracy: input.test,
    parameterCount: input.params,
    history: { epochs: [...input.epochs], batches: downsampleCurve(input.batches, 500) },
    training: input.training,
  };
}
