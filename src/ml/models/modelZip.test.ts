/**
 * Export → import keeps the model exactly; plain tfjs loads an export on its own; every bad
 * file is refused with its message before any tensor is made.
 */
import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRealSubset } from '../../test-support/realData';
import { imagesTensor, range } from '../data/batches';
import { MODEL_JSON, WEIGHTS_BIN } from './artifacts';
import { importModelZip, rebuildForTraining } from './loadModel';
import { MODEL_FORMAT_VERSION } from './metadata';
import { exportFileName, exportModelZip, METADATA_JSON, readModelZip } from './modelZip';
import { sampleMetadata, tinyModel } from './testFixtures';

const real = loadRealSubset('test', 32);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function predict(model: tf.LayersModel): Float32Array {
  return tf.tidy(() => (model.predict(imagesTensor(real.images, range(0, 32), 'unit')) as tf.Tensor).dataSync() as Float32Array);
}

let exported: Uint8Array;
let reference: Float32Array;
let referenceWeights: Float32Array[];

beforeAll(async () => {
  const model = tinyModel();
  // Move the batch-norm statistics off their initial values so they are checked too.
  tf.tidy(() => {
    model.apply(imagesTensor(real.images, range(0, 32), 'unit'), { training: true });
  });
  exported = await exportModelZip(model, sampleMetadata());
  reference = predict(model);
  referenceWeights = model.getWeights().map((w) => w.dataSync() as Float32Array);
  model.dispose();
});

/** The export with some entries replaced (undefined removes one). */
function rezip(change: Record<string, Uint8Array | undefined>): Uint8Array {
  const entries: Record<string, Uint8Array> = { ...unzipSync(exported) };
  for (const [name, bytes] of Object.entries(change)) {
    if (bytes === undefined) delete entries[name];
    else entries[name] = bytes;
  }
  return zipSync(entries);
}

function editJson(name: string, edit: (json: Record<string, unknown>) => void): Uint8Array {
  const json = JSON.parse(strFromU8(unzipSync(exported)[name])) as Record<string, unknown>;
  edit(json);
  return rezip({ [name]: strToU8(JSON.stringify(json)) });
}

type Layer = { class_name: string; config: Record<string, unknown> };
const layersOf = (json: Record<string, unknown>) => (json.modelTopology as { config: { layers: Layer[] } }).config.layers;

describe('export and import', () => {
  it('import gives identical weights, predictions and metadata (marked imported)', async () => {
    const before = tf.memory().numTensors;
    const { model, metadata } = await importModelZip(exported);
    expect(model.getWeights().map((w) => w.dataSync())).toEqual(referenceWeights);
    expect(predict(model)).toEqual(reference);
    expect(metadata).toEqual({ ...sampleMetadata(), source: 'imported' });
    const trainable = rebuildForTraining(model, metadata.spec, 1);
    expect(predict(trainable)).toEqual(reference);
    trainable.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('plain tfjs loads the unzipped files (tf.io.fromMemory) and predicts the same', async () => {
    const files = unzipSync(exported);
    const modelJson = JSON.parse(strFromU8(files[MODEL_JSON])) as { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
    expect(modelJson.weightsManifest[0].paths).toEqual([`./${WEIGHTS_BIN}`]);
    // Our seeded dropout is written as Keras's Dropout, so no app code is needed to load it.
    expect(layersOf(modelJson as unknown as Record<string, unknown>).map((l) => l.class_name)).toEqual(['Conv2D', 'MaxPooling2D', 'BatchNormalization', 'Dropout', 'Flatten', 'Dense']);
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: files[WEIGHTS_BIN].slice().buffer }),
    );
    expect(predict(model)).toEqual(reference);
    model.dispose();
  });

  it('a zip without metadata.json (e.g. converted from Keras) imports with layers read from model.json', async () => {
    const { metadata } = await readModelZip(rezip({ [METADATA_JSON]: undefined }), { fileName: 'keras-model.zip' });
    expect(metadata).toMatchObject({ name: 'keras-model', source: 'imported', epochsTrained: 0, testAccuracy: null, spec: { layers: sampleMetadata().spec.layers } });
  });

  it('names the download after the model', () => {
    expect(exportFileName({ name: 'My first CNN!' })).toBe('fashion-cnn-my-first-cnn.zip');
    expect(exportFileName({ name: '★' })).toBe('fashion-cnn-model.zip');
  });
});

describe('import refuses bad files with a clear message', () => {
  const refuses = (file: Uint8Array | Parameters<typeof readModelZip>[0], message: RegExp) => expect(readModelZip(file)).rejects.toThrow(message);

  it('not a zip, or a JSON file', async () => {
    await refuses(strToU8('hello, I am a text file'), /not a model export \(not a zip file\)/);
    await refuses(strToU8('{"modelTopology": {}}'), /JSON file, not a model export/);
    await refuses(new Uint8Array(0), /empty/);
  });

  it('a damaged (cut short) zip', async () => {
    await refuses(exported.subarray(0, Math.floor(exported.length / 2)), /damaged or incomplete/);
  });

  it('a zip that is not a model', async () => {
    await refuses(zipSync({ 'notes.txt': strToU8('hi') }), /no model\.json/);
  });

  it('truncated weights', async () => {
    const weights = unzipSync(exported)[WEIGHTS_BIN];
    await refuses(rezip({ [WEIGHTS_BIN]: weights.subarray(0, weights.length - 100) }), /weights file is truncated: [\d,]+ of [\d,]+ bytes/);
    await refuses(rezip({ [WEIGHTS_BIN]: undefined }), /lacks the weights file weights\.bin/);
  });

  it('another input shape', async () => {
    const file = editJson(MODEL_JSON, (json) => (layersOf(json)[0].config.batch_input_shape = [null, 32, 32, 3]));
    await refuses(file, /input of shape \[null,32,32,3\], not \[null,28,28,1\]/);
  });

  it('another number of classes', async () => {
    const file = editJson(MODEL_JSON, (json) => (layersOf(json).at(-1)!.config.units = 5));
    await refuses(file, /predicts 5 classes, not the 10/);
  });

  it('layers the app cannot show', async () => {
    const file = editJson(MODEL_JSON, (json) => layersOf(json).splice(4, 0, { class_name: 'LSTM', config: { units: 8 } }));
    await refuses(file, /Layer 5 is a LSTM: this app can only show networks made of Conv2D, .*Dense/);
    const functional = editJson(MODEL_JSON, (json) => ((json.modelTopology as Layer).class_name = 'Functional'));
    await refuses(functional, /Functional model: only Sequential/);
    const dilated = editJson(MODEL_JSON, (json) => (layersOf(json)[0].config.dilation_rate = [2, 2]));
    await refuses(dilated, /Layer 1 \(Conv2D\) is dilated/);
  });

  it('a file over the size limit, before reading it', async () => {
    let read = false;
    const huge = { size: 500 * 1024 * 1024, name: 'huge.zip', arrayBuffer: async () => ((read = true), new ArrayBuffer(0)) };
    await refuses(huge, /500 MB; model files up to 50 MB are accepted/);
    expect(read).toBe(false);
  });

  it('a newer format version', async () => {
    const file = editJson(METADATA_JSON, (json) => (json.formatVersion = MODEL_FORMAT_VERSION + 1));
    await refuses(file, /newer version of the app/);
  });

  it('model.json and metadata.json that do not belong together', async () => {
    const file = editJson(METADATA_JSON, (json) => ((json.spec as { layers: { rate?: number }[] }).layers[3].rate = 0.5));
    await refuses(file, /describe different networks/);
  });
});
