/**
 * Run settings as typed data with defaults, mirrored to the URL query string
 * (?trainSize=2000&epochs=1&autostart=1 …). Bad values are reported and replaced by
 * defaults, never thrown.
 */
import { describeParam, parseDecimal, parseFlag, parseQuery, type QueryValues } from './queryParser';

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

type NumericKey = 'trainSize' | 'testSize' | 'epochs' | 'batchSize' | 'validationSplit' | 'seed' | 'patience';
type BooleanKey = 'autostart' | 'restoreBestWeights';

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

export interface ParsedRunConfig {
  readonly config: RunConfig;
  /** Human-readable problems with the URL, one per ignored parameter. */
  readonly problems: string[];
}

/** URL keys of the run settings (the RunConfig field names). */
export const RUN_CONFIG_KEYS = Object.keys(DEFAULT_RUN_CONFIG) as (keyof RunConfig)[];

/**
 * Run settings from a query string, or from values already read by parseQuery (then the
 * caller reports the query's own problems: unknown keys, repeats, malformed escapes).
 */
export function parseRunConfig(query: string | QueryValues): ParsedRunConfig {
  const parsed = typeof query === 'string' ? parseQuery(query) : { values: query, problems: [] };
  const params = parsed.values;
  const problems: string[] = [...parsed.problems];
  const ignored = (key: string, raw: string, why: string) => problems.push(`URL parameter ${describeParam(key, raw)} ignored: ${why}`);
  const config: { -readonly [K in keyof RunConfig]: RunConfig[K] } = { ...DEFAULT_RUN_CONFIG };
  for (const key of Object.keys(NUMERIC_LIMITS) as NumericKey[]) {
    const raw = params.get(key);
    if (raw === undefined) continue;
    const problem = checkNumeric(key, parseDecimal(raw));
    if (problem) ignored(key, raw, problem);
    else config[key] = parseDecimal(raw);
  }
  const backend = params.get('backend');
  if (backend !== undefined) {
    if ((BACKEND_CHOICES as readonly string[]).includes(backend)) config.backend = backend as BackendChoice;
    else ignored('backend', backend, `use one of ${BACKEND_CHOICES.join(', ')}.`);
  }
  const earlyStopping = params.get('earlyStopping');
  if (earlyStopping !== undefined) {
    if ((EARLY_STOPPING_CHOICES as readonly string[]).includes(earlyStopping)) config.earlyStopping = earlyStopping as EarlyStoppingChoice;
    else ignored('earlyStopping', earlyStopping, `use one of ${EARLY_STOPPING_CHOICES.join(', ')}.`);
  }
  for (const key of ['autostart', 'restoreBestWeights'] as BooleanKey[]) {
    const raw = params.get(key);
    if (raw === undefined) continue;
    const flag = parseFlag(raw);
    if (flag === null) ignored(key, raw, 'use 1 or 0.');
    else config[key] = flag;
  }
  return { config, problems };
}

/** Settings that are each fine but cannot work together; training waits until they are fixed. */
export function runConfigProblems(config: RunConfig): string[] {
  const problems: string[] = [];
  if (config.earlyStopping.startsWith('val_') && Math.floor(config.trainSize * config.validationSplit) === 0) {
    problems.push('Early stopping on a validation metric needs validation examples: raise the validation split, or monitor the training loss.');
  }
  return problems;
}

/** Query string with only the values that differ from the defaults ('' when none). */
export function serializeRunConfig(config: RunConfig): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_RUN_CONFIG) as (keyof RunConfig)[]) {
    if (config[key] === DEFAULT_RUN_CONFIG[key]) continue;
    const value = config[key];
    params.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
