/** Model files -> a tf.LayersModel (through tf.io.fromMemory), and the whole import of an export zip. */
import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE, NUM_CLASSES } from '../constants';
import { buildModel } from '../model/build';
import type { ModelSpec } from '../model/spec';
import type { ModelFiles } from './artifacts';
import { ModelFileError, type ModelMetadata } from './metadata';
import { readModelZip, type FileLike } from './modelZip';

/**
 * Loads the layers-format files. The caller owns the model. Throws ModelFileError if tfjs
 * cannot build it or its input/output are not [null,28,28,1] → [null,10].
 */
export async function loadModelFromFiles(files: ModelFiles): Promise<tf.LayersModel> {
  let model: tf.LayersModel;
  try {
    const json = JSON.parse(files.modelJson) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
    const weightData = files.weights.slice().buffer as ArrayBuffer;
    model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }));
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    throw new ModelFileError(`TensorFlow.js could not load this model: ${(error as Error).message}`);
  }
  const input = model.inputs[0]?.shape;
  const output = model.outputs[0]?.shape;
  const ok = model.inputs.length === 1 && model.outputs.length === 1 && JSON.stringify(input) === JSON.stringify([null, IMAGE_SIZE, IMAGE_SIZE, 1]) && JSON.stringify(output) === JSON.stringify([null, NUM_CLASSES]);
  if (!ok) {
    model.dispose();
    throw new ModelFileError(`This model maps ${JSON.stringify(input)} to ${JSON.stringify(output)}, not 28×28×1 images to 10 classes.`);
  }
  return model;
}

export interface ImportedModel {
  readonly model: tf.LayersModel;
  readonly metadata: ModelMetadata;
  readonly files: ModelFiles;
}

/**
 * The import button / drop: checks the file (readModelZip), then loads it. Throws
 * ModelFileError with a message for the student; nothing else is touched either way.
 */
export async function importModelZip(file: FileLike | Uint8Array, options: { maxBytes?: number; fileName?: string } = {}): Promise<ImportedModel> {
  const { metadata, files } = await readModelZip(file, options);
  return { model: await loadModelFromFiles(files), metadata, files };
}

/**
 * A loaded model (plain Keras Dropout layers) as one the trainer can continue: built from its
 * spec like any model here (seeded dropout), with the loaded weights. The caller owns both.
 */
export function rebuildForTraining(loaded: tf.LayersModel, spec: Pick<ModelSpec, 'layers'>, seed?: number): tf.LayersModel {
  const model = buildModel(spec, { seed });
  const weights = loaded.getWeights();
  try {
    model.setWeights(weights);
  } catch (error) {
    model.dispose();
    throw new ModelFileError(`The model's weights do not fit its architecture: ${(error as Error).message}`);
  }
  return model;
}
