/**
 * Checks a model.json (TensorFlow.js layers format) before loading it: the topology must be
 * one this app can show (topology.ts), take [null,28,28,1] and end in 10 class
 * probabilities, and the weights manifest must be complete, so we know how many bytes the
 * weights file must have.
 */
import { NUM_CLASSES } from '../constants';
import { analyzeModel, listProblems } from '../model/analyze';
import type { LayerSpec } from '../model/spec';
import { ModelFileError } from './metadata';
import { topologyToLayers } from './topology';

/** tf.io.WeightsManifestEntry, as far as we read it. */
export interface WeightSpec {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: 'float32' | 'int32' | 'bool';
  readonly quantization?: { readonly dtype: 'uint8' | 'uint16' | 'float16'; readonly scale?: number; readonly min?: number };
}

export interface ParsedModelJson {
  readonly topology: unknown;
  readonly layers: LayerSpec[];
  readonly weightSpecs: WeightSpec[];
  /** The weight files in manifest order (their bytes are concatenated). */
  readonly weightsPaths: string[];
  /** Exact total size the weight files must have. */
  readonly weightBytes: number;
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function weightSpec(value: unknown): WeightSpec {
  const bad = () => new ModelFileError('The weights manifest in model.json is malformed.');
  if (!isRecord(value) || typeof value.name !== 'string' || !Array.isArray(value.shape)) throw bad();
  if (!value.shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) throw bad();
  if (typeof value.dtype !== 'string' || !['float32', 'int32', 'bool'].includes(value.dtype)) {
    throw new ModelFileError(`Weight ${value.name} has type ${String(value.dtype)}, which a model here cannot have.`);
  }
  const q = value.quantization;
  if (q !== undefined && (!isRecord(q) || typeof q.dtype !== 'string' || !['uint8', 'uint16', 'float16'].includes(q.dtype))) throw bad();
  return value as unknown as WeightSpec;
}

export function weightSpecBytes(spec: WeightSpec): number {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  return count * BYTES[spec.quantization?.dtype ?? spec.dtype];
}

export function parseModelJson(json: unknown): ParsedModelJson {
  if (!isRecord(json) || !isRecord(json.modelTopology)) throw new ModelFileError('model.json is not a TensorFlow.js layers model (it has no modelTopology).');
  if (json.format !== undefined && json.format !== 'layers-model') {
    throw new ModelFileError(`model.json is a TensorFlow.js ${String(json.format)}, not a layers model: only Keras-style layers models can be shown here.`);
  }
  const layers = topologyToLayers(json.modelTopology);
  const last = layers.at(-1);
  if (last?.type === 'dense' && last.units !== NUM_CLASSES) {
    throw new ModelFileError(`This model predicts ${last.units} classes, not the 10 Fashion-MNIST classes.`);
  }
  const analysis = analyzeModel({ layers });
  if (!analysis.valid) throw new ModelFileError(`This network cannot be used here: ${listProblems(analysis).join(' ')}`);
  if (!Array.isArray(json.weightsManifest) || json.weightsManifest.length === 0) throw new ModelFileError('model.json has no weights manifest.');
  const weightSpecs: WeightSpec[] = [];
  const weightsPaths: string[] = [];
  for (const group of json.weightsManifest) {
    if (!isRecord(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) throw new ModelFileError('The weights manifest in model.json is malformed.');
    for (const path of group.paths) {
      if (typeof path !== 'string') throw new ModelFileError('The weights manifest in model.json is malformed.');
      weightsPaths.push(path.replace(/^\.\//, ''));
    }
    weightSpecs.push(...group.weights.map(weightSpec));
  }
  if (weightsPaths.length === 0) throw new ModelFileError('model.json names no weights file.');
  const expectedParams = analysis.totalParams ?? 0;
  const params = weightSpecs.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  if (params !== expectedParams) {
    throw new ModelFileError(`The weights manifest lists ${params.toLocaleString('en')} values but the network has ${expectedParams.toLocaleString('en')} parameters.`);
  }
  return { topology: json.modelTopology, layers, weightSpecs, weightsPaths, weightBytes: weightSpecs.reduce((n, w) => n + weightSpecBytes(w), 0) };
}
