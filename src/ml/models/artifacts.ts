/**
 * A tf.LayersModel as the two files of the TensorFlow.js layers format (model.json and one
 * weights .bin), and back. Saving goes through tf.io save handlers, so the same code serves
 * the pretrain script (files on disk), the export zip and tests; nothing here touches the
 * DOM or the file system.
 */
import * as tf from '@tensorflow/tfjs';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

export interface ModelFiles {
  /** model.json text: topology + weights manifest pointing at WEIGHTS_BIN. */
  readonly modelJson: string;
  /** The weights, concatenated in manifest order (little-endian float32 unless quantised). */
  readonly weights: Uint8Array;
}

/**
 * Our dropout layer (SeededDropout) is plain Keras Dropout at inference time. Files we write
 * name it Dropout so that Keras, tensorflowjs_converter and plain tfjs load them without our
 * code; the seed is only meaningful while training, so it is dropped.
 */
export function portableTopology(topology: unknown): unknown {
  return JSON.parse(JSON.stringify(topology), (_key, value: unknown) => {
    if (isRecord(value) && value.class_name === 'SeededDropout' && isRecord(value.config)) {
      const config: Record<string, unknown> = { ...value.config, noise_shape: null };
      delete config.seed;
      return { ...value, class_name: 'Dropout', config };
    }
    return value;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Concatenates tf.io's weightData, which newer tfjs may hand over as several buffers. */
function weightBytes(data: tf.io.WeightData | undefined): Uint8Array {
  if (!data) return new Uint8Array(0);
  const buffers = Array.isArray(data) ? data : [data];
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out;
}

export function artifactsToFiles(artifacts: tf.io.ModelArtifacts): ModelFiles {
  if (!artifacts.modelTopology || !artifacts.weightSpecs) throw new Error('The model has no topology or weights to save.');
  const modelJson = {
    format: 'layers-model',
    generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: null,
    modelTopology: portableTopology(artifacts.modelTopology),
    weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs }],
  };
  return { modelJson: JSON.stringify(modelJson), weights: weightBytes(artifacts.weightData) };
}

/** Serialises a model (its current weights) into the two files. */
export async function modelToFiles(model: tf.LayersModel): Promise<ModelFiles> {
  let files: ModelFiles | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      files = artifactsToFiles(artifacts);
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!files) throw new Error('Saving the model produced no files.');
  return files;
}

/** A copy of `bytes` as its own ArrayBuffer (tf.io wants a whole buffer, not a view). */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}
