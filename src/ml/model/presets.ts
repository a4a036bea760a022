/**
 * Ready-made networks to start from, each with a one-line explanation. Picking one sets
 * the layers and the recipe (optimizer, learning rate and its schedule, L2, augmentation);
 * a preset tuned for a given run length also recommends a batch size and a number of epochs
 * (its schedule is planned over the whole run, so the run length is part of the recipe).
 */
import { NO_AUGMENTATION, OUTPUT_LAYER, SIMPLE_CNN, sameLayers, type LayerSpec, type ModelSpec } from './spec';

export const PRESET_IDS = ['simple', 'fast', 'dropout', 'vgg', 'modern'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface Preset {
  readonly id: PresetId;
  readonly name: string;
  readonly explanation: string;
  readonly spec: ModelSpec;
  /** The run settings the recipe was tuned with; absent: the app's defaults suit it. */
  readonly recommended?: { readonly batchSize: number; readonly epochs: number };
}

const conv = (filters: number, kernelSize = 3, padding: 'valid' | 'same' = 'same'): LayerSpec => ({
  type: 'conv2d',
  filters,
  kernelSize,
  strides: 1,
  padding,
  activation: 'relu',
});
const maxPool: LayerSpec = { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' };
const dropout = (rate: number): LayerSpec => ({ type: 'dropout', rate });
const dense = (units: number): LayerSpec => ({ type: 'dense', units, activation: 'relu' });
const batchNorm: LayerSpec = { type: 'batchNorm' };
const flatten: LayerSpec = { type: 'flatten' };

export const PRESETS: readonly Preset[] = [
  {
    id: 'simple',
    name: 'Simple CNN',
    explanation: 'Two convolution + pooling stages find edges, then shapes; two dense layers turn them into class scores.',
    spec: SIMPLE_CNN,
  },
  {
    id: 'fast',
    name: 'Fast CNN (CPU)',
    explanation:
      'The simple CNN with batch normalisation and a one-cycle learning rate, tuned for accuracy per second without a GPU: a short run at a high rate, then a glide down.',
    spec: {
      ...SIMPLE_CNN,
      layers: [conv(32, 3, 'valid'), batchNorm, maxPool, conv(64, 3, 'valid'), batchNorm, maxPool, flatten, dense(128), OUTPUT_LAYER],
      learningRate: 0.004,
      schedule: 'oneCycle',
    },
    recommended: { batchSize: 128, epochs: 3 },
  },
  {
    id: 'dropout',
    name: 'CNN + Dropout',
    explanation: 'The simple CNN with dropout after each stage: randomly silencing units while training fights overfitting.',
    spec: {
      ...SIMPLE_CNN,
      layers: [conv(32, 3, 'valid'), maxPool, dropout(0.25), conv(64, 3, 'valid'), maxPool, dropout(0.25), flatten, dense(128), dropout(0.5), OUTPUT_LAYER],
    },
  },
  {
    id: 'vgg',
    name: 'Deep VGG-style',
    explanation: 'A wide 5×5 first convolution, then 64 → 128 → 256 filters with same padding and max-pooling; dense layers with 50% dropout.',
    spec: {
      ...SIMPLE_CNN,
      layers: [
        conv(32, 5),
        conv(64),
        maxPool,
        conv(128),
        maxPool,
        conv(256),
        maxPool,
        flatten,
        dense(256),
        dropout(0.5),
        dense(128),
        dropout(0.5),
        OUTPUT_LAYER,
      ],
    },
  },
  {
    id: 'modern',
    name: 'Modern',
    explanation: 'Paired convolutions with batch normalisation, dropout and data augmentation (shifts, flips): the most accurate here.',
    spec: {
      layers: [
        conv(32),
        batchNorm,
        conv(32),
        batchNorm,
        maxPool,
        dropout(0.25),
        conv(64),
        batchNorm,
        conv(64),
        batchNorm,
        maxPool,
        dropout(0.25),
        flatten,
        dense(256),
        batchNorm,
        dropout(0.5),
        OUTPUT_LAYER,
      ],
      optimizer: 'adam',
      learningRate: 0.001,
      schedule: 'constant',
      l2: 0,
      augmentation: { ...NO_AUGMENTATION, shift: 2, flip: true },
    },
  },
];

export function presetById(id: PresetId): Preset {
  return PRESETS.find((p) => p.id === id)!;
}

/** The preset whose layers these are, or null for a custom architecture. */
export function presetWithLayers(layers: readonly LayerSpec[]): Preset | null {
  return PRESETS.find((p) => sameLayers(p.spec.layers, layers)) ?? null;
}
