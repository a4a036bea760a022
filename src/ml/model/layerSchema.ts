/**
 * Allowed values of every layer setting, as zod schemas with messages a student can act
 * on. Used by the editor (inline, per field) and by the URL decoder.
 */
import { z } from '../zod';
import { ACTIVATIONS, PADDINGS, type LayerSpec } from './spec';

const whole = (label: string, min: number, max: number, tooSmall = `${label} must be at least ${min}.`) =>
  z
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(min, tooSmall)
    .max(max, `${label} must be at most ${max.toLocaleString('en')}.`);

export const LAYER_LIMITS = {
  filters: { min: 1, max: 1024 },
  kernelSize: { min: 1, max: 28 },
  strides: { min: 1, max: 28 },
  poolSize: { min: 1, max: 28 },
  units: { min: 1, max: 8192 },
} as const;

const activation = z.enum(ACTIVATIONS, { error: `Activation must be one of ${ACTIVATIONS.join(', ')}.` });
const padding = z.enum(PADDINGS, { error: 'Padding must be valid or same.' });

const conv2d = z.object({
  type: z.literal('conv2d'),
  filters: whole('Filters', LAYER_LIMITS.filters.min, LAYER_LIMITS.filters.max, 'A convolution needs at least 1 filter.'),
  kernelSize: whole('Kernel size', LAYER_LIMITS.kernelSize.min, LAYER_LIMITS.kernelSize.max),
  strides: whole('Stride', LAYER_LIMITS.strides.min, LAYER_LIMITS.strides.max),
  padding,
  activation,
});

const pool = (type: 'maxPool2d' | 'avgPool2d') =>
  z.object({
    type: z.literal(type),
    poolSize: whole('Pool size', LAYER_LIMITS.poolSize.min, LAYER_LIMITS.poolSize.max),
    strides: whole('Stride', LAYER_LIMITS.strides.min, LAYER_LIMITS.strides.max),
    padding,
  });

const dense = z.object({
  type: z.literal('dense'),
  units: whole('Units', LAYER_LIMITS.units.min, LAYER_LIMITS.units.max, 'A dense layer needs at least 1 unit.'),
  activation,
});

const dropout = z.object({
  type: z.literal('dropout'),
  rate: z
    .number({ error: 'Dropout rate must be a number.' })
    .min(0, 'Dropout rate must be at least 0.')
    .lt(1, 'Dropout rate must be below 1: at 1 every unit is dropped and nothing gets through.'),
});

const plain = (type: 'flatten' | 'globalAvgPool2d' | 'batchNorm') => z.object({ type: z.literal(type) });

export const layerSchema = z.discriminatedUnion('type', [
  conv2d,
  pool('maxPool2d'),
  pool('avgPool2d'),
  dense,
  dropout,
  plain('flatten'),
  plain('globalAvgPool2d'),
  plain('batchNorm'),
]);

export interface FieldProblem {
  /** The setting at fault ('type' when the layer kind itself is unknown). */
  readonly field: string;
  readonly message: string;
}

/** What is wrong with a layer's own settings (empty when they are all in range). */
export function layerFieldProblems(layer: LayerSpec): FieldProblem[] {
  const result = layerSchema.safeParse(layer);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    field: String(issue.path[0] ?? 'type'),
    message: issue.code === 'invalid_union' ? `Unknown layer type "${String((layer as { type?: unknown }).type)}".` : issue.message,
  }));
}
