/**
 * The browser model store, run in Node on fake-indexeddb (same IndexedDB API as a window or
 * a worker): save → load gives identical weights and predictions; list, rename, delete,
 * usage; a full quota loses nothing; checkpoints round-trip.
 */
import * as tf from '@tensorflow/tfjs';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadRealSubset } from '../test-support/realData';
import { imagesTensor, range } from '../ml/data/batches';
import { createOptimizer } from '../ml/model/build';
import { sampleMetadata, tinyModel, TINY_SPEC } from '../ml/models/testFixtures';
import { captureCheckpoint } from '../ml/training/checkpoint';
import { ModelStorage, StorageFullError, StorageUnavailableError } from './modelStorage';

const real = loadRealSubset('test', 16);
const predict = (model: tf.LayersModel) => tf.tidy(() => (model.predict(imagesTensor(real.images, range(0, 16), 'unit')) as tf.Tensor).dataSync() as Float32Array);

let storage: ModelStorage;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

beforeEach(async () => {
  storage = await ModelStorage.open(new IDBFactory());
});

afterEach(() => {
  vi.restoreAllMocks();
  storage.close();
});

describe('saved models', () => {
  it('save → load gives identical weights, predictions and metadata', async () => {
    const model = tinyModel(3);
    const info = await storage.save(model, sampleMetadata());
    const before = tf.memory().numTensors;
    const loaded = await storage.load(info.id);
    expect(loaded.metadata).toEqual(sampleMetadata());
    expect(loaded.model.getWeights().map((w) => w.dataSync())).toEqual(model.getWeights().map((w) => w.dataSync()));
    expect(predict(loaded.model)).toEqual(predict(model));
    loaded.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('lists newest first, renames, deletes', async () => {
    const model = tinyModel();
    const first = await storage.save(model, sampleMetadata({ name: 'first' }));
    const second = await storage.save(model, sampleMetadata({ name: 'second' }));
    model.dispose();
    expect((await storage.list()).map((m) => m.metadata.name)).toEqual(['second', 'first']);
    expect(first.bytes).toBeGreaterThan(4 * 1000);

    await storage.rename(first.id, '  Shirts vs coats  ');
    expect((await storage.list()).map((m) => m.metadata.name)).toEqual(['second', 'Shirts vs coats']);
    await expect(storage.rename(first.id, '   ')).rejects.toThrow('The model needs a name.');

    await storage.delete(second.id);
    expect((await storage.list()).map((m) => m.id)).toEqual([first.id]);
    await expect(storage.load(second.id)).rejects.toThrow(/no longer exists/);
  });

  it('a full quota refuses the save with a clear message and loses nothing', async () => {
    const model = tinyModel();
    const kept = await storage.save(model, sampleMetadata({ name: 'kept' }));
    // What the browser does when the weights do not fit: the write fails with QuotaExceededError.
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (typeof value === 'object' && value !== null && 'weights' in value) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    });
    const failed = storage.save(model, sampleMetadata({ name: 'too big' }));
    await expect(failed).rejects.toThrow(StorageFullError);
    await expect(failed).rejects.toThrow(/storage for this page is full, so "too big" \([\d.]+ MB\) was not saved \(nothing else was changed\)/);
    vi.restoreAllMocks();
    expect((await storage.list()).map((m) => m.metadata.name)).toEqual(['kept']);
    const loaded = await storage.load(kept.id);
    expect(predict(loaded.model)).toEqual(predict(model));
    loaded.model.dispose();
    model.dispose();
  });

  it('reports the storage used', async () => {
    const model = tinyModel();
    const a = await storage.save(model, sampleMetadata());
    model.dispose();
    const usage = await storage.usage();
    expect(usage.savedModelsBytes).toBe(a.bytes);
    expect(usage.checkpointsBytes).toBe(0);
  });

  it('without IndexedDB, says saving is unavailable', async () => {
    await expect(ModelStorage.open(undefined)).rejects.toThrow(StorageUnavailableError);
  });
});

describe('checkpoints', () => {
  it('round-trip, list and delete', async () => {
    const model = tinyModel();
    const optimizer = createOptimizer('adam', 0.01);
    const checkpoint = await captureCheckpoint({
      model,
      optimizer,
      spec: TINY_SPEC,
      modelSeed: 5,
      config: { epochs: 4, batchSize: 32, validationSplit: 0.1, trainSize: 1000, seed: 5 },
      state: { epochsCompleted: 2, batchesCompleted: 60, examplesSeen: 1800, shuffleRngState: 123, augmentationRngState: 456 },
      history: { epochs: sampleMetadata().history.epochs, batches: [{ step: 1, epoch: 0, loss: 2.3, accuracy: 0.1 }] },
    });
    model.dispose();
    optimizer.dispose();
    const info = await storage.saveCheckpoint('run-1', checkpoint);
    expect(info).toMatchObject({ runId: 'run-1', epochsCompleted: 2, epochs: 4 });
    expect(await storage.loadCheckpoint('run-1')).toEqual(checkpoint);
    expect(await storage.listCheckpoints()).toEqual([info]);
    expect((await storage.usage()).checkpointsBytes).toBe(info.bytes);
    await storage.deleteCheckpoint('run-1');
    expect(await storage.loadCheckpoint('run-1')).toBeNull();
  });
});
