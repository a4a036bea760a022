/**
 * npx tsx scripts/pretrain/measureModelFiles.ts
 * Times save / load (IndexedDB, here fake-indexeddb in Node) and export / import (zip) of the
 * default-size model (the CNN + Dropout preset, ~225k parameters) on the WASM backend.
 * Node figures: a browser's IndexedDB adds its own disk time.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { IDBFactory } from 'fake-indexeddb';
import { buildModel } from '../../src/ml/model/build';
import { presetById } from '../../src/ml/model/presets';
import { importModelZip } from '../../src/ml/models/loadModel';
import { MODEL_FORMAT_VERSION, type ModelMetadata } from '../../src/ml/models/metadata';
import { exportModelZip } from '../../src/ml/models/modelZip';
import { ModelStorage } from '../../src/platform/modelStorage';

async function time<T>(label: string, fn: () => Promise<T>, runs = 5): Promise<T> {
  let result!: T;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await fn();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label}: median ${ms[Math.floor(runs / 2)].toFixed(1)} ms (min ${ms[0].toFixed(1)}, max ${ms[runs - 1].toFixed(1)})`);
  return result;
}

async function main() {
  await tf.setBackend('wasm');
  const spec = presetById('dropout').spec;
  const model = buildModel(spec, { seed: 1 });
  const metadata: ModelMetadata = {
    formatVersion: MODEL_FORMAT_VERSION,
    name: 'measure',
    createdAt: new Date().toISOString(),
    source: 'trained',
    spec,
    epochsTrained: 1,
    testAccuracy: null,
    history: { epochs: [], batches: undefined },
  };
  console.log(`${model.countParams()} parameters`);
  const storage = await ModelStorage.open(new IDBFactory());
  const saved = await time('save (IndexedDB)', () => storage.save(model, metadata));
  await time('load (IndexedDB)', async () => (await storage.load(saved.id)).model.dispose());
  const zip = await time('export (zip)', () => exportModelZip(model, metadata));
  console.log(`export size ${(zip.byteLength / 1024).toFixed(0)} KiB`);
  await time('import (zip)', async () => (await importModelZip(zip)).model.dispose());
  storage.close();
}

void main();
