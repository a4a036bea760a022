/** Building blocks of the lessons' networks and run settings. */
import { DEFAULT_RUN_CONFIG } from '../../ml/config/runConfig';
import type { ArmConfig } from '../../ml/experiments/plan';
import { NO_AUGMENTATION, OUTPUT_LAYER, SIMPLE_CNN, type LayerSpec, type ModelSpec } from '../../ml/model/spec';

export const conv = (filters: number): LayerSpec => ({ type: 'conv2d', filters, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' });
export const maxPool: LayerSpec = { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' };
export const avgPool: LayerSpec = { type: 'avgPool2d', poolSize: 2, strides: 2, padding: 'valid' };
export const dense = (units: number): LayerSpec => ({ type: 'dense', units, activation: 'relu' });
export const dropout = (rate: number): LayerSpec => ({ type: 'dropout', rate });
export const flatten: LayerSpec = { type: 'flatten' };
export const batchNorm: LayerSpec = { type: 'batchNorm' };

/** A network with the playground's default recipe (Adam 0.001, constant rate, no L2, no augmentation). */
export const net = (layers: readonly LayerSpec[], recipe: Partial<ModelSpec> = {}): ModelSpec => ({
  ...SIMPLE_CNN,
  augmentation: NO_AUGMENTATION,
  ...recipe,
  layers: [...layers, OUTPUT_LAYER],
});

/** Run settings of one arm: the playground's defaults with these changes. */
export const armConfig = (patch: Partial<ArmConfig>): ArmConfig => ({
  trainSize: DEFAULT_RUN_CONFIG.trainSize,
  testSize: DEFAULT_RUN_CONFIG.testSize,
  epochs: DEFAULT_RUN_CONFIG.epochs,
  batchSize: DEFAULT_RUN_CONFIG.batchSize,
  validationSplit: DEFAULT_RUN_CONFIG.validationSplit,
  seed: DEFAULT_RUN_CONFIG.seed,
  earlyStopping: DEFAULT_RUN_CONFIG.earlyStopping,
  patience: DEFAULT_RUN_CONFIG.patience,
  restoreBestWeights: DEFAULT_RUN_CONFIG.restoreBestWeights,
  ...patch,
});

/** How big a lesson's runs are; the tests shrink them, the browser uses the defaults. */
export interface Sizing {
  readonly trainSize: number;
  readonly testSize: number;
  readonly epochs: number;
}
