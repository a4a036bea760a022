/**
 * The model shipped with the page (public/models/pretrained/, made by `npm run pretrain`),
 * fetched lazily over HTTP: works in a window and in a Web Worker (plain fetch, no DOM).
 */
import * as tf from '@tensorflow/tfjs';
import { MODEL_JSON } from './artifacts';
import { loadModelFromFiles } from './loadModel';
import { ModelFileError, parseModelMetadata, type ModelMetadata } from './metadata';
import { METADATA_JSON } from './modelZip';

/** Relative to the app's base URL (Vite's import.meta.env.BASE_URL). */
export const PRETRAINED_DIR = 'models/pretrained/';

type Fetch = (url: string) => Promise<Response>;

async function fetchOk(fetchFn: Fetch, url: string): Promise<Response> {
  const response = await fetchFn(url);
  if (!response.ok) throw new ModelFileError(`The pretrained model could not be downloaded (${url}: HTTP ${response.status}).`);
  return response;
}

/**
 * Downloads and loads the pretrained model and its metadata (~0.9 MB). `baseUrl` is the
 * directory URL ending in '/', e.g. `${import.meta.env.BASE_URL}${PRETRAINED_DIR}` resolved
 * against the page. The caller owns the model.
 */
export async function loadPretrainedModel(baseUrl: string, fetchFn: Fetch = (url) => globalThis.fetch(url)): Promise<{ model: tf.LayersModel; metadata: ModelMetadata }> {
  const [modelJson, metadataJson] = await Promise.all([
    fetchOk(fetchFn, baseUrl + MODEL_JSON).then((r) => r.text()),
    fetchOk(fetchFn, baseUrl + METADATA_JSON).then((r) => r.json() as Promise<unknown>),
  ]);
  const metadata = parseModelMetadata(metadataJson);
  const manifest = (JSON.parse(modelJson) as { weightsManifest: { paths: string[] }[] }).weightsManifest;
  const parts = await Promise.all(manifest.flatMap((group) => group.paths).map((path) => fetchOk(fetchFn, baseUrl + path.replace(/^\.\//, '')).then((r) => r.arrayBuffer())));
  const weights = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    weights.set(new Uint8Array(part), offset);
    offset += part.byteLength;
  }
  return { model: await loadModelFromFiles({ modelJson, weights }), metadata };
}
