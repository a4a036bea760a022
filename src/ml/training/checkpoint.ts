/**
 * A run's checkpoint at the end of an epoch, as plain data (typed arrays, no tensors) that
 * can go into IndexedDB or a worker message: the model's weights (with batch-norm moving
 * statistics), the optimizer's state (its iteration count and slots, e.g. Adam's first and
 * second moments), the dropout layers' mask counters, the trainer's position (epoch, batch
 * count, shuffling and augmentation generator states), the run's config and its curves.
 * Restoring rebuilds the model from its ModelSpec with the same build seed, so resuming
 * continues exactly as if the run had never stopped (same next-batch loss, same data order).
 */
import * as tf from '@tensorflow/tfjs';
import { buildModel, createOptimizer } from '../model/build';
import { isFusedAdam } from '../model/fusedAdam';
import { SeededDropout } from '../model/seededDropout';
import type { ModelSpec } from '../model/spec';
import type { BatchPoint, EpochRecord } from '../models/metadata';
import { getLearningRate, setLearningRate } from './learningRate';
import type { TrainConfig, TrainerState } from './trainer';

export const CHECKPOINT_VERSION = 1;

export interface StoredTensor {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: 'float32' | 'int32';
  readonly data: Float32Array | Int32Array;
}

export interface Checkpoint {
  readonly version: typeof CHECKPOINT_VERSION;
  readonly savedAt: string;
  readonly spec: ModelSpec;
  /** The seed the model was built with (initial weights, dropout streams). */
  readonly modelSeed: number;
  readonly config: TrainConfig;
  readonly state: TrainerState;
  /** model.getWeights() in order: trainable and non-trainable (batch-norm statistics). */
  readonly weights: StoredTensor[];
  /** Training calls of each dropout layer, in layer order. */
  readonly dropoutCalls: number[];
  readonly optimizer: {
    readonly learningRate: number;
    readonly weights: StoredTensor[];
    /** Adam's running β₁ᵗ, β₂ᵗ (see BIAS_CORRECTION_FIELDS). */
    readonly biasCorrection: Record<string, number>;
  };
  readonly history: { readonly epochs: EpochRecord[]; readonly batches: BatchPoint[] };
}

export interface CheckpointInput {
  readonly model: tf.LayersModel;
  readonly optimizer: tf.Optimizer;
  readonly spec: ModelSpec;
  readonly modelSeed: number;
  readonly config: TrainConfig;
  readonly state: TrainerState;
  readonly history: Checkpoint['history'];
}

/**
 * Adam (and Adamax) keep β₁ᵗ and β₂ᵗ as variables multiplied by β at every step, which
 * getWeights() leaves out: setWeights() recomputes them as β^(t+1), a float32 result that
 * differs from the running product in the last bits, and so would the resumed losses.
 * We save and put back the running values themselves.
 */
const BIAS_CORRECTION_FIELDS = ['accBeta1', 'accBeta2'] as const;

function biasCorrectionVariables(optimizer: tf.Optimizer): [string, tf.Variable][] {
  const fields = optimizer as unknown as Record<string, unknown>;
  return BIAS_CORRECTION_FIELDS.flatMap((field) => (fields[field] instanceof tf.Variable ? [[field, fields[field]] as [string, tf.Variable]] : []));
}

async function storeTensor(name: string, tensor: tf.Tensor): Promise<StoredTensor> {
  const dtype = tensor.dtype === 'int32' ? 'int32' : 'float32';
  if (tensor.dtype !== dtype) throw new Error(`cannot checkpoint ${name}: dtype ${tensor.dtype}`);
  const data = await tensor.data();
  return { name, shape: [...tensor.shape], dtype, data: dtype === 'int32' ? Int32Array.from(data) : Float32Array.from(data) };
}

const dropoutLayers = (model: tf.LayersModel) => model.layers.filter((l): l is SeededDropout => l instanceof SeededDropout);

/** Copies everything needed to resume (reads the tensors back; disposes nothing it did not make). */
export async function captureCheckpoint(input: CheckpointInput): Promise<Checkpoint> {
  const weights = await Promise.all(input.model.weights.map((w) => storeTensor(w.originalName, w.read())));
  // getWeights() hands back the optimizer's own variables (and a fresh iteration scalar).
  const named = await input.optimizer.getWeights();
  const optimizerWeights = await Promise.all(named.map((w) => storeTensor(w.name, w.tensor)));
  const iterations = named.find((w) => w.name === 'iter');
  iterations?.tensor.dispose();
  return {
    version: CHECKPOINT_VERSION,
    savedAt: new Date().toISOString(),
    spec: input.spec,
    modelSeed: input.modelSeed,
    config: input.config,
    state: input.state,
    weights,
    dropoutCalls: dropoutLayers(input.model).map((l) => l.trainingCalls),
    optimizer: {
      learningRate: getLearningRate(input.optimizer),
      weights: optimizerWeights,
      biasCorrection: Object.fromEntries(await Promise.all(biasCorrectionVariables(input.optimizer).map(async ([field, v]) => [field, (await v.data())[0]]))),
    },
    history: { epochs: [...input.history.epochs], batches: [...input.history.batches] },
  };
}

/**
 * A model and optimizer in the checkpoint's state, ready for trainModel(..., { resume:
 * checkpoint.state }). The caller owns (and disposes) both.
 */
export async function restoreCheckpoint(checkpoint: Checkpoint): Promise<{ model: tf.LayersModel; optimizer: tf.Optimizer }> {
  if (checkpoint.version !== CHECKPOINT_VERSION) throw new Error(`This checkpoint has format ${checkpoint.version}; this page reads format ${CHECKPOINT_VERSION}.`);
  const model = buildModel(checkpoint.spec, { seed: checkpoint.modelSeed });
  const optimizer = createOptimizer(checkpoint.spec.optimizer, checkpoint.optimizer.learningRate);
  try {
    if (model.weights.length !== checkpoint.weights.length) throw new Error('The checkpoint does not match its model (weight count differs).');
    const tensors = checkpoint.weights.map((w) => tf.tensor(w.data, w.shape, w.dtype));
    try {
      model.setWeights(tensors);
    } finally {
      tf.dispose(tensors);
    }
    const dropouts = dropoutLayers(model);
    dropouts.forEach((layer, i) => (layer.trainingCalls = checkpoint.dropoutCalls[i] ?? 0));
    // setWeights makes its own variables from these (and reads the iteration count), so ours are freed after.
    const slots = checkpoint.optimizer.weights.map((w) => ({ name: w.name, tensor: tf.tensor(w.data, w.shape, w.dtype) }));
    try {
      await optimizer.setWeights(slots);
    } finally {
      tf.dispose(slots.map((s) => s.tensor));
    }
    for (const [field, variable] of biasCorrectionVariables(optimizer)) {
      const value = checkpoint.optimizer.biasCorrection[field];
      if (value !== undefined) tf.tidy(() => variable.assign(tf.scalar(value)));
    }
    // The fused Adam mirrors β₁ᵗ, β₂ᵗ in JavaScript: read them now rather than in the first step.
    if (isFusedAdam(optimizer)) await optimizer.readPowers();
    setLearningRate(optimizer, checkpoint.optimizer.learningRate);
    return { model, optimizer };
  } catch (error) {
    model.dispose();
    optimizer.dispose();
    throw error;
  }
}
