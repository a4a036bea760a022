/**
 * Run settings as typed data with defaults and limits. The address reads and writes them
 * through its parameter table (src/address/params.ts).
 */

export const BACKEND_CHOICES = ['auto', 'webgl', 'webgpu', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** What early stopping watches after each epoch ('off': run every epoch). */
export const EARLY_STOPPING_CHOICES = ['off', 'val_loss', 'val_accuracy', 'loss', 'accuracy'] as const;
export type EarlyStoppingChoice = (typeof EARLY_STOPPING_CHOICES)[number];

export interface RunConfig {
  /** Training examples used (the first N of the official 60,000). */
  readonly trainSize: number;
  /** Test images evaluated at the end (the first N of the official 10,000). */
  readonly testSize: number;
  readonly epochs: number;
  readonly batchSize: number;
  /** Fraction of the training examples held out for validation, in [0, 0.5]. */
  readonly validationSplit: number;
  readonly backend: BackendChoice;
  /** Start training as soon as the data allows. */
  readonly autostart: boolean;
  /** Seeds the shuffling, the initial weights, the dropout masks and the augmentation. */
  readonly seed: number;
  readonly earlyStopping: EarlyStoppingChoice;
  /** Epochs without improvement before early stopping ends the run. */
  readonly patience: number;
  /** When early stopping ends the run, go back to the weights of the best epoch. */
  readonly restoreBestWeights: boolean;
}

export const DEFAULT_RUN_CONFIG: RunConfig = {
  trainSize: 60_000,
  testSize: 10_000,
  epochs: 5,
  batchSize: 64,
  validationSplit: 0.1,
  backend: 'auto',
  autostart: false,
  seed: 42,
  earlyStopping: 'off',
  patience: 3,
  restoreBestWeights: true,
};

export type NumericKey = 'trainSize' | 'testSize' | 'epochs' | 'batchSize' | 'validationSplit' | 'seed' | 'patience';

/** Limits per numeric field; `integer` fields reject fractions. */
export const NUMERIC_LIMITS: Record<NumericKey, { min: number; max: number; integer: boolean; label: string }> = {
  trainSize: { min: 10, max: 60_000, integer: true, label: 'Training examples' },
  testSize: { min: 10, max: 10_000, integer: true, label: 'Test images' },
  epochs: { min: 1, max: 100, integer: true, label: 'Epochs' },
  batchSize: { min: 1, max: 1024, integer: true, label: 'Batch size' },
  validationSplit: { min: 0, max: 0.5, integer: false, label: 'Validation split' },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true, label: 'Random seed' },
  patience: { min: 1, max: 50, integer: true, label: 'Patience (epochs)' },
};

/** Why a value is not acceptable for `key`, or null if it is. */
export function checkNumeric(key: NumericKey, value: number): string | null {
  const { min, max, integer, label } = NUMERIC_LIMITS[key];
  if (!Number.isFinite(value)) return `${label} must be a number.`;
  if (integer && !Number.isInteger(value)) return `${label} must be a whole number.`;
  if (value < min || value > max) return `${label} must be between ${min.toLocaleString('en')} and ${max.toLocaleString('en')}.`;
  return null;
}

/** Settings that are each fine but cannot work together; training waits until they are fixed. */
export function runConfigProblems(config: RunConfig): string[] {
  const problems: string[] = [];
  if (config.earlyStopping.startsWith('val_') && Math.floor(config.trainSize * config.validationSplit) === 0) {
    problems.push('Early stopping on a validation metric needs validation examples: raise the validation split, or monitor the training loss.');
  }
  return problems;
}
