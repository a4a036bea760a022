/**
 * Models and run checkpoints kept in the browser (IndexedDB). Works in a window and in a Web
 * Worker alike (globalThis.indexedDB, no DOM), and in Node tests with fake-indexeddb.
 *
 * The weights go through tf.io (model.save with a save handler, tf.io.fromMemory to load) in
 * the layers format, but into our own database rather than tf.io's `indexeddb://` store: a
 * model's weights and its metadata are written in one transaction, so a save that runs out
 * of quota leaves nothing half-written and every other saved model untouched.
 */
import type * as tf from '@tensorflow/tfjs';
import { modelToFiles, type ModelFiles } from '../ml/models/artifacts';
import { loadModelFromFiles } from '../ml/models/loadModel';
import { modelMetadataSchema, parseModelMetadata, type ModelMetadata } from '../ml/models/metadata';
import type { Checkpoint } from '../ml/training/checkpoint';

export const DB_NAME = 'fashion-cnn-playground';
const DB_VERSION = 1;
const MODELS = 'models';
const FILES = 'modelFiles';
const CHECKPOINTS = 'checkpoints';

export interface SavedModelInfo {
  readonly id: string;
  readonly metadata: ModelMetadata;
  readonly savedAt: string;
  /** Size of its files (model.json + weights). */
  readonly bytes: number;
}

export interface StoredCheckpointInfo {
  readonly runId: string;
  readonly savedAt: string;
  readonly epochsCompleted: number;
  readonly epochs: number;
  readonly bytes: number;
}

interface StoredFiles {
  readonly modelJson: string;
  readonly weights: ArrayBuffer;
}

interface CheckpointRecord extends StoredCheckpointInfo {
  readonly checkpoint: Checkpoint;
}

export interface StorageUsage {
  readonly savedModelsBytes: number;
  readonly checkpointsBytes: number;
  /** The browser's figures for this site (navigator.storage.estimate), when it gives them. */
  readonly siteUsageBytes: number | null;
  readonly siteQuotaBytes: number | null;
}

/** Saving is impossible here (no IndexedDB, e.g. some private modes). */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
}

/** The browser's storage quota ran out; nothing was written. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });

const isQuotaError = (error: unknown) => error instanceof Error && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED');

/** randomUUID needs a secure context (https or localhost); a page served over plain http still gets an id. */
function newId(): string {
  if (typeof globalThis.crypto?.randomUUID === 'function') return globalThis.crypto.randomUUID();
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function checkpointBytes(checkpoint: Checkpoint): number {
  const tensors = [...checkpoint.weights, ...checkpoint.optimizer.weights];
  return tensors.reduce((n, t) => n + t.data.byteLength, 0);
}

export class ModelStorage {
  private constructor(
    private readonly db: IDBDatabase,
    private readonly estimate: (() => Promise<{ usage?: number; quota?: number }>) | null,
  ) {}

  /** Opens (creating on first use) the database. `factory` defaults to globalThis.indexedDB. */
  static async open(factory: IDBFactory | undefined = globalThis.indexedDB, name = DB_NAME): Promise<ModelStorage> {
    if (!factory) throw new StorageUnavailableError('This browser does not let the page store models (no IndexedDB; private browsing can cause this). Export models as files instead.');
    const open = factory.open(name, DB_VERSION);
    open.onupgradeneeded = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(MODELS)) db.createObjectStore(MODELS, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(FILES)) db.createObjectStore(FILES);
      if (!db.objectStoreNames.contains(CHECKPOINTS)) db.createObjectStore(CHECKPOINTS, { keyPath: 'runId' });
    };
    let db: IDBDatabase;
    try {
      db = await request(open);
    } catch (error) {
      throw new StorageUnavailableError(`The page could not open its model storage: ${(error as Error).message}`);
    }
    const storage = (globalThis.navigator as { storage?: StorageManager } | undefined)?.storage;
    return new ModelStorage(db, storage?.estimate ? () => storage.estimate() : null);
  }

  close(): void {
    this.db.close();
  }

  /**
   * Runs `work` in one transaction and resolves when it has committed. A quota failure
   * becomes StorageFullError (`what` names the thing being written), and nothing is kept.
   */
  private async transaction<T>(stores: string[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => Promise<T> | T, what = 'this'): Promise<T> {
    const tx = this.db.transaction(stores, mode);
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new Error('The storage transaction was aborted.'));
      tx.onerror = () => reject(tx.error ?? new Error('The storage transaction failed.'));
    });
    try {
      const result = await work(tx);
      await done;
      return result;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already finished or aborted
      }
      await done.catch(() => undefined);
      if (isQuotaError(error)) {
        throw new StorageFullError(`The browser's storage for this page is full, so ${what} was not saved (nothing else was changed). Delete saved models or checkpoints you no longer need, or export models as files.`);
      }
      throw error;
    }
  }

  /** Saves the model's current weights with its metadata under a new id. */
  async save(model: tf.LayersModel, metadata: ModelMetadata): Promise<SavedModelInfo> {
    return this.saveFiles(await modelToFiles(model), metadata);
  }

  /** Saves model files as they are (e.g. an import, without loading it first). */
  async saveFiles(files: ModelFiles, metadata: ModelMetadata): Promise<SavedModelInfo> {
    const info: SavedModelInfo = {
      id: newId(),
      metadata: parseModelMetadata(metadata),
      savedAt: new Date().toISOString(),
      bytes: files.weights.byteLength + files.modelJson.length,
    };
    const stored: StoredFiles = { modelJson: files.modelJson, weights: files.weights.slice().buffer as ArrayBuffer };
    await this.transaction(
      [MODELS, FILES],
      'readwrite',
      async (tx) => {
        await request(tx.objectStore(FILES).put(stored, info.id));
        await request(tx.objectStore(MODELS).put(info));
      },
      `"${info.metadata.name}" (${mb(info.bytes)})`,
    );
    return info;
  }

  /** Saved models, newest first. */
  async list(): Promise<SavedModelInfo[]> {
    const all = await this.transaction([MODELS], 'readonly', (tx) => request(tx.objectStore(MODELS).getAll() as IDBRequest<SavedModelInfo[]>));
    return all.sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1));
  }

  async loadFiles(id: string): Promise<{ files: ModelFiles; metadata: ModelMetadata }> {
    const [info, stored] = await this.transaction([MODELS, FILES], 'readonly', (tx) =>
      Promise.all([request(tx.objectStore(MODELS).get(id) as IDBRequest<SavedModelInfo | undefined>), request(tx.objectStore(FILES).get(id) as IDBRequest<StoredFiles | undefined>)]),
    );
    if (!info || !stored) throw new Error('This saved model no longer exists (it may have been deleted in another tab).');
    return { metadata: parseModelMetadata(info.metadata), files: { modelJson: stored.modelJson, weights: new Uint8Array(stored.weights) } };
  }

  /** The saved model as a tf.LayersModel (the caller disposes it) and its metadata. */
  async load(id: string): Promise<{ model: tf.LayersModel; metadata: ModelMetadata }> {
    const { files, metadata } = await this.loadFiles(id);
    return { model: await loadModelFromFiles(files), metadata };
  }

  async rename(id: string, name: string): Promise<SavedModelInfo> {
    const checked = modelMetadataSchema.shape.name.safeParse(name);
    if (!checked.success) throw new Error(checked.error.issues[0].message);
    return this.transaction([MODELS], 'readwrite', async (tx) => {
      const info = await request(tx.objectStore(MODELS).get(id) as IDBRequest<SavedModelInfo | undefined>);
      if (!info) throw new Error('This saved model no longer exists.');
      const renamed: SavedModelInfo = { ...info, metadata: { ...info.metadata, name: checked.data } };
      await request(tx.objectStore(MODELS).put(renamed));
      return renamed;
    });
  }

  async delete(id: string): Promise<void> {
    await this.transaction([MODELS, FILES], 'readwrite', async (tx) => {
      await request(tx.objectStore(MODELS).delete(id));
      await request(tx.objectStore(FILES).delete(id));
    });
  }

  /** Replaces the run's checkpoint (one per run: the latest epoch). */
  async saveCheckpoint(runId: string, checkpoint: Checkpoint): Promise<StoredCheckpointInfo> {
    const record: CheckpointRecord = {
      runId,
      savedAt: checkpoint.savedAt,
      epochsCompleted: checkpoint.state.epochsCompleted,
      epochs: checkpoint.config.epochs,
      bytes: checkpointBytes(checkpoint),
      checkpoint,
    };
    await this.transaction([CHECKPOINTS], 'readwrite', (tx) => request(tx.objectStore(CHECKPOINTS).put(record)), `the checkpoint after epoch ${record.epochsCompleted}`);
    const { checkpoint: _omit, ...info } = record;
    void _omit;
    return info;
  }

  async loadCheckpoint(runId: string): Promise<Checkpoint | null> {
    const record = await this.transaction([CHECKPOINTS], 'readonly', (tx) => request(tx.objectStore(CHECKPOINTS).get(runId) as IDBRequest<CheckpointRecord | undefined>));
    return record?.checkpoint ?? null;
  }

  /** Checkpoints of runs that did not finish (what the page offers to resume), newest first. */
  async listCheckpoints(): Promise<StoredCheckpointInfo[]> {
    const records = await this.transaction([CHECKPOINTS], 'readonly', (tx) => request(tx.objectStore(CHECKPOINTS).getAll() as IDBRequest<CheckpointRecord[]>));
    return records
      .map((r): StoredCheckpointInfo => ({ runId: r.runId, savedAt: r.savedAt, epochsCompleted: r.epochsCompleted, epochs: r.epochs, bytes: r.bytes }))
      .sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1));
  }

  async deleteCheckpoint(runId: string): Promise<void> {
    await this.transaction([CHECKPOINTS], 'readwrite', (tx) => request(tx.objectStore(CHECKPOINTS).delete(runId)));
  }

  async usage(): Promise<StorageUsage> {
    const [models, checkpoints] = await Promise.all([this.list(), this.listCheckpoints()]);
    let site: { usage?: number; quota?: number } = {};
    try {
      site = (await this.estimate?.()) ?? {};
    } catch {
      // Some browsers refuse estimate() in private modes: our own figures still stand.
    }
    return {
      savedModelsBytes: models.reduce((n, m) => n + m.bytes, 0),
      checkpointsBytes: checkpoints.reduce((n, c) => n + c.bytes, 0),
      siteUsageBytes: site.usage ?? null,
      siteQuotaBytes: site.quota ?? null,
    };
  }
}
