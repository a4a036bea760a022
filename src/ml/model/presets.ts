/**
 * Ready-made networks to start from, each with a one-line explanation. Picking one sets
 * the layers and the recipe (optimizer, learning rate and its schedule, L2, augmentation);
 * a preset tuned for a given run length also recommends a batch size and a number of epochs
 * (its schedule is planned over the whole run, so the run length is part of the recipe).
 */
import { NO_AUGMENTATION, OUTPUT_LAYER, SIMPLE_CNN, sameLayers, type LayerSpec, type ModelSpec } from './spec';

export const PRESET_IDS = ['simple', 'fast', 'wide', 'dropout', 'vgg', 'modern'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface Preset {
  readonly id: PresetId;
  readonly name: string;
  readonly explanation: string;
  readonly spec: ModelSpec;
  /** The run settings the recipe was tuned with; absent: the app's defaults suit it. */
  readonly recommended?: {
    readonly batchSize: number;
    readonly epochs: number;
    /** Training seconds the run was tuned to fit on a quiet 2-core CPU (WASM), when it was tuned for a budget. */
    readonly budgetSeconds?: number;
  };
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
      'The simple CNN, slimmer (48 filters in its second convolution), with batch normalisation, a one-cycle learning rate and the fast-training tricks (flips, label smoothing, a weight average, flip test-time augmentation), tuned for accuracy per second without a GPU: six epochs of batch 96 in about two and a half minutes.',
    spec: {
      ...SIMPLE_CNN,
      // Batch norm after each pooling, not before it: a quarter of the values to normalise
      // (13×13×32 instead of 26×26×32), and on WASM batch norm is a handful of passes over its
      // input. 48 filters in the second convolution instead of 64: three epochs reach 91.16% on
      // the test images against 91.14% with 64, at 907 instead of 766 images per CPU second in
      // Node (bench/recipes/, 2026-12-01 with the SIMD kernels).
      layers: [conv(32, 3, 'valid'), maxPool, batchNorm, conv(48, 3, 'valid'), maxPool, batchNorm, flatten, dense(128), OUTPUT_LAYER],
      learningRate: 0.005,
      schedule: 'oneCycle',
      // Flips in training go with flip TTA: without them the mirrored images score far lower
      // (88.9% plain, 83.3% with TTA after one epoch, bench/recipes/search-2026-12-07.md).
      augmentation: { ...NO_AUGMENTATION, flip: true },
      labelSmoothing: 0.1,
      weightAverage: 0.995,
      flipTta: true,
    },
    // Six epochs of batch 96. In the browser (worker, WASM, 2,619 images/s with the fused batch
    // norm and the matrix products on two threads; bench/results.md, 2026-12-07): 88.24 · 90.21 ·
    // 91.14 · 91.69 · 92.07 · 92.17% on the test images with flip TTA, 92% after 103 s of
    // training. Five epochs in Node on WASM, seeds 1 and 2: 92.24 and 92.12% (the four-epoch
    // schedule: 91.94%; batch 128: 92.12%; bench/recipes/search-2026-12-07b.md).
    recommended: { batchSize: 96, epochs: 6, budgetSeconds: 150 },
  },
  {
    id: 'wide',
    name: 'Wide CNN (CPU, 10 min)',
    explanation:
      'The fast CNN with 64 filters in its second convolution, trained three times as long with flips, one-pixel shifts, label smoothing, a weight average and flip test-time augmentation: the most accurate here for about ten minutes of CPU training.',
    spec: {
      ...SIMPLE_CNN,
      layers: [conv(32, 3, 'valid'), maxPool, batchNorm, conv(64, 3, 'valid'), maxPool, batchNorm, flatten, dense(128), OUTPUT_LAYER],
      learningRate: 0.005,
      schedule: 'oneCycle',
      augmentation: { ...NO_AUGMENTATION, shift: 1, flip: true },
      labelSmoothing: 0.1,
      weightAverage: 0.998,
      flipTta: true,
    },
    // Eighteen epochs of batch 96. In the browser (worker, WASM, 2,119 images/s; bench/results.md,
    // 2026-12-07): 93.00% on the test images with flip TTA after epoch 13 (332 s of training),
    // 93.17% after 18 (459 s). Fourteen epochs in Node on WASM, seed 1: 93.31%; the twelve-epoch
    // schedule ended at 92.93% in the browser; ±1-pixel test-time views added at most 0.12 points
    // (bench/recipes/search-2026-12-07b.md).
    recommended: { batchSize: 96, epochs: 18, budgetSeconds: 600 },
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
    explanation:
      'Three convolution stages (32 → 64 → 128 filters) with batch normalisation, dropout, data augmentation (shifts, flips) and a cosine schedule: the most accurate here.',
    spec: {
      // Re-tuned for CPUs too: the former paired 3×3 convolutions at 28×28 and 14×14 cost 7× the
      // Simple CNN's arithmetic per image (74 images/s on WASM); one convolution per
      // resolution and a third stage at 7×7 cost ~3×, with the receptive field of the old net.
      layers: [
        conv(32),
        maxPool,
        conv(64),
        batchNorm,
        maxPool,
        conv(128),
        batchNorm,
        maxPool,
        flatten,
        dropout(0.25),
        dense(256),
        batchNorm,
        dropout(0.5),
        OUTPUT_LAYER,
      ],
      optimizer: 'adam',
      learningRate: 0.002,
      schedule: 'cosine',
      l2: 0,
      augmentation: { ...NO_AUGMENTATION, shift: 2, flip: true },
      inputScaling: 'unit',
      labelSmoothing: 0,
      weightAverage: 0,
      flipTta: false,
    },
    // Batch 128: ~15% more images per second than 64 on WASM (Node, one thread). After the
    // 15 epochs 92.27% on the test images (Node, seed 1; 92% from epoch 11 on,
    // bench/recipes/search-2026-12-01.md).
    recommended: { batchSize: 128, epochs: 15 },
  },
];

export function presetById(id: PresetId): Preset {
  return PRESETS.find((p) => p.id === id)!;
}

/** The preset whose layers these are, or null for a custom architecture. */
export function presetWithLayers(layers: readonly LayerSpec[]): Preset | null {
  return PRESETS.find((p) => sameLayers(p.spec.layers, layers)) ?? null;
}
