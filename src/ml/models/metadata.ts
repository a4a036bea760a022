/**
 * What we keep with a model besides its weights: its name, when and how it was made (the
 * ModelSpec: architecture + recipe), how long it trained, its test accuracy and the curves
 * of its run. One zod schema serves metadata.json in the shipped model, in export zips and
 * in the browser's model store, so all three are checked the same way.
 */
import { z } from '../zod';
import { INPUT_SCALINGS } from '../data/inputScaling';
import { layerSchema } from '../model/layerSchema';
import { OPTIMIZERS, RECIPE_LIMITS, type ModelSpec } from '../model/spec';
import { SCHEDULES } from '../training/schedules';

/** Bumped when a change would make older apps misread the files. */
export const MODEL_FORMAT_VERSION = 1;

/** Where a model's weights come from: the one type for it in the engine, the page and model files. */
export type ModelSource = 'untrained' | 'trained' | 'pretrained' | 'saved' | 'imported';
/** What a model file records (a saved or loaded model keeps the source it was made with). */
export const MODEL_SOURCES = ['pretrained', 'trained', 'imported'] as const satisfies readonly ModelSource[];

/** A file or record we refuse, with a message for the student. */
export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const fraction = z.number().min(0).max(1);
const count = z.number().int().min(0);

export const modelSpecSchema = z.object({
  layers: z.array(layerSchema).min(1, 'The model has no layers.').readonly(),
  optimizer: z.enum(OPTIMIZERS),
  learningRate: z.number().min(RECIPE_LIMITS.learningRate.min).max(RECIPE_LIMITS.learningRate.max),
  l2: z.number().min(RECIPE_LIMITS.l2.min).max(RECIPE_LIMITS.l2.max),
  // Models saved before learning-rate schedules existed trained with a constant rate.
  schedule: z.enum(SCHEDULES).default('constant'),
  augmentation: z.object({
    shift: z.number().int().min(RECIPE_LIMITS.shift.min).max(RECIPE_LIMITS.shift.max),
    flip: z.boolean(),
    erase: z.number().min(RECIPE_LIMITS.erase.min).max(RECIPE_LIMITS.erase.max),
  }),
  // Models saved before input scaling was a setting were all trained on pixels ÷ 255.
  inputScaling: z.enum(INPUT_SCALINGS).default('unit'),
  // Models saved before these tricks existed trained and evaluated without them.
  labelSmoothing: z.number().min(RECIPE_LIMITS.labelSmoothing.min).max(RECIPE_LIMITS.labelSmoothing.max).default(0),
  weightAverage: z.number().min(RECIPE_LIMITS.weightAverage.min).max(RECIPE_LIMITS.weightAverage.max).default(0),
  flipTta: z.boolean().default(false),
}) satisfies z.ZodType<ModelSpec>;

/** One finished epoch of the run (the trainer's EpochEvent plus optional extras). */
export const epochRecordSchema = z.object({
  epoch: count,
  loss: finite,
  accuracy: fraction,
  valLoss: finite.nullable(),
  valAccuracy: fraction.nullable(),
  seconds: z.number().min(0).optional(),
  learningRate: z.number().positive().optional(),
  testLoss: finite.optional(),
  testAccuracy: fraction.optional(),
});
export type EpochRecord = z.infer<typeof epochRecordSchema>;

/**
 * One point of a per-batch curve: the one type for it in the engine's events, the page's
 * store, checkpoints and saved models. `step` counts batches from 1 over the whole run;
 * `epoch` is 0-based.
 */
export const batchPointSchema = z.object({ step: z.number().int().min(1), epoch: count, loss: finite, accuracy: fraction });
export type BatchPoint = z.infer<typeof batchPointSchema>;

/** Points as files and checkpoints made before points carried their epoch hold them. */
const storedBatchPointSchema = batchPointSchema.extend({ epoch: count.optional() });
type StoredBatchPoint = z.infer<typeof storedBatchPointSchema>;

/**
 * Puts back the epoch of points saved without one, from their step (the steps per epoch are
 * the same in every full epoch); points that have one keep it.
 */
export function withEpochs(points: readonly StoredBatchPoint[], epochsCompleted: number): BatchPoint[] {
  const lastStep = points.at(-1)?.step ?? 0;
  const perEpoch = Math.max(1, Math.round(lastStep / Math.max(1, epochsCompleted)));
  return points.map((p) => (p.epoch !== undefined ? (p as BatchPoint) : { ...p, epoch: Math.max(0, Math.min(epochsCompleted - 1, Math.floor((p.step - 1) / perEpoch))) }));
}

/** How a run was set up and where it ran: enough to repeat it. All optional except in spirit. */
export const trainingInfoSchema = z.object({
  seed: z.number().int().optional(),
  batchSize: z.number().int().min(1).optional(),
  trainSize: z.number().int().min(1).optional(),
  validationSplit: z.number().min(0).lt(1).optional(),
  learningRateSchedule: z.string().optional(),
  /** Wall-clock training time. */
  seconds: z.number().min(0).optional(),
  backend: z.string().optional(),
  tfjsVersion: z.string().optional(),
  machine: z.object({ cores: z.number().int().min(1), cpuModel: z.string(), os: z.string().optional(), runtime: z.string().optional() }).optional(),
  /** File name -> SHA-256 of the training data files used. */
  dataSha256: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)).optional(),
  command: z.string().optional(),
});

export const modelMetadataSchema = z.object({
  formatVersion: z.literal(MODEL_FORMAT_VERSION),
  name: z.string().trim().min(1, 'The model needs a name.').max(120, 'Model names are at most 120 characters.'),
  createdAt: z.iso.datetime(),
  source: z.enum(MODEL_SOURCES),
  spec: modelSpecSchema,
  epochsTrained: count,
  /** Accuracy on `count` test images (0..1), or null when it was never measured. */
  testAccuracy: z.object({ accuracy: fraction, count: z.number().int().min(1) }).nullable(),
  parameterCount: count.optional(),
  history: z
    .object({ epochs: z.array(epochRecordSchema), batches: z.array(storedBatchPointSchema).optional() })
    .transform(({ epochs, batches }) => ({ epochs, batches: batches && withEpochs(batches, epochs.length) })),
  training: trainingInfoSchema.optional(),
});
export type ModelMetadata = z.infer<typeof modelMetadataSchema>;

/**
 * Checks parsed JSON as metadata. Throws ModelFileError: for a newer format version, saying
 * so (not a list of field errors); otherwise naming the first fields at fault.
 */
export function parseModelMetadata(json: unknown): ModelMetadata {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ModelFileError('The model information (metadata.json) is not a JSON object.');
  const version = (json as { formatVersion?: unknown }).formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ModelFileError('The model information (metadata.json) has no valid format version: this is not a model file from this app.');
  }
  if (version > MODEL_FORMAT_VERSION) {
    throw new ModelFileError(
      `This model file was made by a newer version of the app (format ${version}; this page reads format ${MODEL_FORMAT_VERSION}). Reload the page to get the latest version, or export the model again from the app that made it.`,
    );
  }
  const result = modelMetadataSchema.safeParse(json);
  if (!result.success) {
    const where = result.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
    throw new ModelFileError(`The model information (metadata.json) is not valid: ${where.join('; ')}.`);
  }
  return result.data;
}

/**
 * Keeps at most `maxPoints` points of a per-batch curve, evenly spaced and always the last
 * one, so a long run's curve stays small in storage yet ends where the run ended.
 */
export function downsampleCurve(points: readonly BatchPoint[], maxPoints: number): BatchPoint[] {
  if (points.length <= maxPoints) return [...points];
  if (maxPoints < 2) return points.slice(-Math.max(0, maxPoints));
  const out: BatchPoint[] = [];
  const stride = (points.length - 1) / (maxPoints - 1);
  for (let i = 0; i < maxPoints; i++) out.push(points[Math.round(i * stride)]);
  return out;
}
