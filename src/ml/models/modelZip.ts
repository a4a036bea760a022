/**
 * A model as one file: a zip (fflate) holding model.json + weights.bin (TensorFlow.js layers
 * format, loadable by tfjs and tensorflowjs_converter without this app) and metadata.json.
 * Import checks everything before any tensor exists, so a bad file costs nothing: each
 * refusal is a ModelFileError whose message says what is wrong in the student's terms.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type * as tf from '@tensorflow/tfjs';
import { NO_AUGMENTATION, sameLayers } from '../model/spec';
import { MODEL_JSON, modelToFiles, WEIGHTS_BIN, type ModelFiles } from './artifacts';
import { MODEL_FORMAT_VERSION, ModelFileError, parseModelMetadata, type ModelMetadata } from './metadata';
import { parseModelJson, type ParsedModelJson } from './modelJson';

export const METADATA_JSON = 'metadata.json';
export { MAX_IMPORT_BYTES } from './limits';
import { MAX_IMPORT_BYTES } from './limits';
const MAX_JSON_BYTES = 10 * 1024 * 1024;

/** A File, a Blob, or anything else that knows its size before being read. */
export interface FileLike {
  readonly size: number;
  readonly name?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ParsedModelZip {
  readonly metadata: ModelMetadata;
  readonly files: ModelFiles;
  readonly parsed: ParsedModelJson;
}

/** The export: zip bytes (the caller wraps them in a Blob to download). */
export async function exportModelZip(model: tf.LayersModel, metadata: ModelMetadata): Promise<Uint8Array> {
  const files = await modelToFiles(model);
  return zipFiles(files, metadata);
}

export function zipFiles(files: ModelFiles, metadata: ModelMetadata): Uint8Array {
  return zipSync({
    [MODEL_JSON]: strToU8(files.modelJson),
    // Stored, not deflated: float32 weights shrink only ~10% and deflating them took ~0.4 s.
    [WEIGHTS_BIN]: [files.weights, { level: 0 }],
    [METADATA_JSON]: strToU8(JSON.stringify(parseModelMetadata(metadata), null, 2)),
  });
}

/** A file name for the download, from the model's name: "fashion-cnn-my-model.zip". */
export function exportFileName(metadata: Pick<ModelMetadata, 'name'>): string {
  const slug = metadata.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `fashion-cnn-${slug || 'model'}.zip`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);

function notAModel(bytes: Uint8Array): ModelFileError {
  const start = strFromU8(bytes.subarray(0, 64), true).trimStart();
  if (start.startsWith('{')) {
    return new ModelFileError('This is a JSON file, not a model export: choose the .zip file the app exported (model.json, weights and metadata.json together).');
  }
  return new ModelFileError('This file is not a model export (not a zip file). Choose a .zip file exported by this app.');
}

/** Unzips only the entries we need, refusing oversized ones before inflating them. */
function unzipEntries(bytes: Uint8Array, maxBytes: number): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, {
      filter: (entry) => {
        const isJson = entry.name === MODEL_JSON || entry.name === METADATA_JSON;
        const wanted = isJson || entry.name.endsWith('.bin');
        if (wanted && entry.originalSize > (isJson ? MAX_JSON_BYTES : maxBytes)) {
          throw new ModelFileError(`${entry.name} in this zip is ${megabytes(entry.originalSize)} unpacked, more than the app accepts.`);
        }
        return wanted;
      },
    });
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    throw new ModelFileError(`This zip file is damaged or incomplete and cannot be opened (${(error as Error).message}).`);
  }
}

function parseJson(bytes: Uint8Array, name: string): unknown {
  try {
    return JSON.parse(strFromU8(bytes));
  } catch {
    throw new ModelFileError(`${name} in this zip is not valid JSON.`);
  }
}

/** Metadata for a zip without metadata.json (e.g. a model converted from Keras): layers from the topology, default recipe. */
function metadataFromTopology(parsed: ParsedModelJson, fileName: string | undefined): ModelMetadata {
  return parseModelMetadata({
    formatVersion: MODEL_FORMAT_VERSION,
    name: (fileName ?? 'Imported model').replace(/\.zip$/i, '').slice(0, 120) || 'Imported model',
    createdAt: new Date().toISOString(),
    source: 'imported',
    spec: { layers: parsed.layers, optimizer: 'adam', learningRate: 0.001, l2: 0, augmentation: NO_AUGMENTATION },
    epochsTrained: 0,
    testAccuracy: null,
    history: { epochs: [] },
  });
}

/**
 * Reads and checks an export without creating tensors. Refuses (ModelFileError): files over
 * `maxBytes` (checked before reading), non-zips, damaged zips, zips without model.json, a
 * metadata.json from a newer format or invalid, topologies this app cannot show, another
 * input shape or class count, missing or truncated weights, model.json and metadata.json
 * describing different networks.
 */
export async function readModelZip(file: FileLike | Uint8Array, options: { maxBytes?: number; fileName?: string } = {}): Promise<ParsedModelZip> {
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  const size = file instanceof Uint8Array ? file.byteLength : file.size;
  if (size > maxBytes) throw new ModelFileError(`This file is ${megabytes(size)}; model files up to ${megabytes(maxBytes)} are accepted. Nothing was loaded.`);
  if (size === 0) throw new ModelFileError('This file is empty.');
  const bytes = file instanceof Uint8Array ? file : new Uint8Array(await file.arrayBuffer());
  if (!isZip(bytes)) throw notAModel(bytes);
  const entries = unzipEntries(bytes, maxBytes);
  const modelJsonBytes = entries[MODEL_JSON];
  if (!modelJsonBytes) throw new ModelFileError('This zip holds no model.json: it is not a model export.');
  // The format version first: a newer file should say so, not fail on some field it changed.
  const metadataBytes = entries[METADATA_JSON];
  const metadataJson = metadataBytes ? parseJson(metadataBytes, METADATA_JSON) : null;
  const metadataFromFile = metadataJson === null ? null : parseModelMetadata(metadataJson);
  const parsed = parseModelJson(parseJson(modelJsonBytes, MODEL_JSON));
  const missing = parsed.weightsPaths.filter((path) => !entries[path]);
  if (missing.length > 0) throw new ModelFileError(`This zip lacks the weights file ${missing.join(', ')} that model.json refers to.`);
  const weights = concat(parsed.weightsPaths.map((path) => entries[path]));
  if (weights.byteLength < parsed.weightBytes) {
    throw new ModelFileError(`The weights file is truncated: ${weights.byteLength.toLocaleString('en')} of ${parsed.weightBytes.toLocaleString('en')} bytes. The download or copy was probably cut short.`);
  }
  if (weights.byteLength > parsed.weightBytes) throw new ModelFileError('The weights file is longer than model.json says: the files do not belong together.');
  if (metadataFromFile && !sameLayers(metadataFromFile.spec.layers, parsed.layers)) {
    throw new ModelFileError('model.json and metadata.json describe different networks: the files do not belong together.');
  }
  const metadata = metadataFromFile ? { ...metadataFromFile, source: 'imported' as const } : metadataFromTopology(parsed, options.fileName ?? (file instanceof Uint8Array ? undefined : file.name));
  // Re-written as a single-file manifest, so the store and later exports have one layout.
  const modelJson = JSON.stringify({
    format: 'layers-model',
    generatedBy: 'fashion-mnist-cnn-playground import',
    convertedBy: null,
    modelTopology: parsed.topology,
    weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: parsed.weightSpecs }],
  });
  return { metadata, files: { modelJson, weights }, parsed };
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}
