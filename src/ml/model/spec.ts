/**
 * A model as typed data: a list of layer specs the UI can show, edit and put in a URL,
 * turned into a tf.LayersModel by buildModel(), plus the recipe it trains with
 * (optimizer, learning rate, L2 weight decay, data augmentation).
 */
export const ACTIVATIONS = ['relu', 'elu', 'tanh', 'sigmoid', 'linear', 'softmax'] as const;
export type Activation = (typeof ACTIVATIONS)[number];
export const PADDINGS = ['valid', 'same'] as const;
export type Padding = (typeof PADDINGS)[number];

export interface Conv2DSpec {
  readonly type: 'conv2d';
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly padding: Padding;
  readonly activation: Activation;
}

export interface Pool2DSpec {
  readonly type: 'maxPool2d' | 'avgPool2d';
  readonly poolSize: number;
  readonly strides: number;
  readonly padding: Padding;
}

export interface DenseSpec {
  readonly type: 'dense';
  readonly units: number;
  readonly activation: Activation;
}

export interface DropoutSpec {
  readonly type: 'dropout';
  readonly rate: number;
}

/** Layers without settings. */
export interface PlainLayerSpec {
  readonly type: 'flatten' | 'globalAvgPool2d' | 'batchNorm';
}

export type LayerSpec = Conv2DSpec | Pool2DSpec | DenseSpec | DropoutSpec | PlainLayerSpec;
export type LayerType = LayerSpec['type'];

export const LAYER_TYPES: readonly LayerType[] = ['conv2d', 'maxPool2d', 'avgPool2d', 'batchNorm', 'dropout', 'flatten', 'globalAvgPool2d', 'dense'];

/** Names as Keras users know them. */
export const LAYER_LABELS: Record<LayerType, string> = {
  conv2d: 'Conv2D',
  maxPool2d: 'MaxPooling2D',
  avgPool2d: 'AveragePooling2D',
  batchNorm: 'BatchNormalization',
  dropout: 'Dropout',
  flatten: 'Flatten',
  globalAvgPool2d: 'GlobalAveragePooling2D',
  dense: 'Dense',
};

/** A sensible new layer of each type, for the editor's "Add layer". */
export function defaultLayer(type: LayerType): LayerSpec {
  switch (type) {
    case 'conv2d':
      return { type, filters: 32, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' };
    case 'maxPool2d':
    case 'avgPool2d':
      return { type, poolSize: 2, strides: 2, padding: 'valid' };
    case 'dense':
      return { type, units: 64, activation: 'relu' };
    case 'dropout':
      return { type, rate: 0.25 };
    default:
      return { type };
  }
}

export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop', 'adagrad'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const OPTIMIZER_LABELS: Record<OptimizerName, string> = {
  adam: 'Adam',
  sgd: 'SGD with momentum 0.9',
  rmsprop: 'RMSprop',
  adagrad: 'Adagrad',
};

/** Random changes to each training image, drawn anew every time it is used. */
export interface AugmentationSpec {
  /** Largest shift in pixels, up/down and left/right (0 = off); emptied pixels are background. */
  readonly shift: number;
  /** Mirror half of the images left-right. */
  readonly flip: boolean;
  /** Probability of replacing a random rectangle of the image by noise (random erasing; 0 = off). */
  readonly erase: number;
}

export const NO_AUGMENTATION: AugmentationSpec = { shift: 0, flip: false, erase: 0 };

import type { InputScaling } from '../data/inputScaling';
import type { ScheduleName } from '../training/schedules';

export interface ModelSpec {
  /** Input 28×28×1 is implicit; the last layer must be Dense(10, softmax). */
  readonly layers: readonly LayerSpec[];
  readonly optimizer: OptimizerName;
  /** The peak learning rate: what the schedule starts from or climbs to. */
  readonly learningRate: number;
  /** How the learning rate moves over a run (see training/schedules.ts). */
  readonly schedule: ScheduleName;
  /** L2 weight decay: λ·Σw² over conv and dense kernels is added to the training loss (0 = off). */
  readonly l2: number;
  readonly augmentation: AugmentationSpec;
  /** How pixels are fed to the network (data/inputScaling.ts): 0–1 or raw 0–255. */
  readonly inputScaling: InputScaling;
  /** Label smoothing ε: trains against (1 − ε)·one-hot + ε/10 instead of hard labels (0 = off). */
  readonly labelSmoothing: number;
  /** Decay of an exponential moving average of the weights, used to evaluate and predict (0 = off). */
  readonly weightAverage: number;
  /** Flip test-time augmentation: evaluations average each image's and its mirror's probabilities . */
  readonly flipTta: boolean;
}

/** Allowed ranges of the recipe's numbers (the layers' ranges live in validate.ts). */
export const RECIPE_LIMITS = {
  learningRate: { min: 1e-6, max: 1, label: 'Learning rate' },
  l2: { min: 0, max: 0.1, label: 'L2 weight decay' },
  shift: { min: 0, max: 6, label: 'Random shift (pixels)' },
  erase: { min: 0, max: 1, label: 'Random erasing probability' },
  labelSmoothing: { min: 0, max: 0.5, label: 'Label smoothing' },
  // 0 is off; otherwise WEIGHT_AVERAGE_MIN_DECAY to 0.9999 (above, the average barely moves in a classroom run).
  weightAverage: { min: 0, max: 0.9999, label: 'Weight average (EMA) decay' },
} as const;

/** The lowest weight-average decay other than 0 (off): below it the average is only the last few steps. */
export const WEIGHT_AVERAGE_MIN_DECAY = 0.9;

/** The output layer every network ends with: one probability per class. */
export const OUTPUT_LAYER: DenseSpec = { type: 'dense', units: 10, activation: 'softmax' };

/** The seeds' CNN: Conv32 → Pool → Conv64 → Pool → Flatten → Dense128 → Dense10, Adam 0.001. */
export const SIMPLE_CNN: ModelSpec = {
  layers: [
    { type: 'conv2d', filters: 32, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
    { type: 'conv2d', filters: 64, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
    { type: 'flatten' },
    { type: 'dense', units: 128, activation: 'relu' },
    OUTPUT_LAYER,
  ],
  optimizer: 'adam',
  learningRate: 0.001,
  schedule: 'constant',
  l2: 0,
  augmentation: NO_AUGMENTATION,
  inputScaling: 'unit',
  labelSmoothing: 0,
  weightAverage: 0,
  flipTta: false,
};

/** A layer as text with its keys sorted, so equal layers give equal text whatever their key order. */
const canonical = (layer: LayerSpec): string => JSON.stringify(Object.entries(layer).sort(([a], [b]) => (a < b ? -1 : 1)));

/** Structural equality of two layer lists (specs are plain data). */
export function sameLayers(a: readonly LayerSpec[], b: readonly LayerSpec[]): boolean {
  return a.length === b.length && a.every((layer, i) => canonical(layer) === canonical(b[i]));
}
