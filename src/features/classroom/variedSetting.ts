/**
 * The one setting a class experiment varies, and how a value of it is applied to a student's
 * setup. Pure: the same table drives the instructor's form, the student's settings and the
 * class view's labels and colours.
 */
import type { RunConfig } from '../../ml/config/runConfig';
import { NUMERIC_LIMITS } from '../../ml/config/runConfig';
import { OPTIMIZER_LABELS, OPTIMIZERS, RECIPE_LIMITS, type LayerSpec, type ModelSpec, type OptimizerName } from '../../ml/model/spec';

export const VARIED_SETTINGS = ['dropout', 'learningRate', 'optimizer', 'batchNorm', 'trainSize'] as const;
export type VariedSetting = (typeof VARIED_SETTINGS)[number];

/** A value of the varied setting, as it travels (a JSON primitive). */
export type SettingValue = number | string | boolean;

export interface SettingInfo {
  readonly label: string;
  /** What the instructor's form offers at first. */
  readonly defaults: readonly SettingValue[];
  /** Why `value` cannot be used, or null. */
  readonly check: (value: SettingValue) => string | null;
  /** How a value reads on the projector. */
  readonly format: (value: SettingValue) => string;
  /** Text typed in the form → a value (or a problem). */
  readonly parse: (text: string) => SettingValue | { problem: string };
}

const numberIn = (label: string, min: number, max: number, integer = false) => (value: SettingValue) =>
  typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))
    ? `${label}: use ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}.`
    : null;

const parseNumber = (text: string): SettingValue | { problem: string } => {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) ? value : { problem: `"${text.trim().slice(0, 20)}" is not a number.` };
};

export const SETTINGS: Record<VariedSetting, SettingInfo> = {
  dropout: {
    label: 'Dropout rate',
    defaults: [0, 0.25, 0.5],
    check: numberIn('Dropout rate', 0, 0.9),
    format: (v) => String(v),
    parse: parseNumber,
  },
  learningRate: {
    label: 'Learning rate',
    defaults: [0.0001, 0.001, 0.01],
    check: numberIn('Learning rate', RECIPE_LIMITS.learningRate.min, RECIPE_LIMITS.learningRate.max),
    format: (v) => String(v),
    parse: parseNumber,
  },
  optimizer: {
    label: 'Optimizer',
    defaults: ['adam', 'sgd'],
    check: (v) => ((OPTIMIZERS as readonly SettingValue[]).includes(v) ? null : `Optimizer: use one of ${OPTIMIZERS.join(', ')}.`),
    format: (v) => OPTIMIZER_LABELS[v as OptimizerName] ?? String(v),
    parse: (text) => {
      const value = text.trim().toLowerCase();
      return (OPTIMIZERS as readonly string[]).includes(value) ? value : { problem: `"${text.trim().slice(0, 20)}": use one of ${OPTIMIZERS.join(', ')}.` };
    },
  },
  batchNorm: {
    label: 'Batch normalisation',
    defaults: [false, true],
    check: (v) => (typeof v === 'boolean' ? null : 'Batch normalisation: on or off.'),
    format: (v) => (v ? 'on' : 'off'),
    parse: (text) => {
      const value = text.trim().toLowerCase();
      if (value === 'on' || value === 'true' || value === '1') return true;
      if (value === 'off' || value === 'false' || value === '0') return false;
      return { problem: `"${text.trim().slice(0, 20)}": use on or off.` };
    },
  },
  trainSize: {
    label: 'Training examples',
    defaults: [1000, 5000, 20000],
    check: numberIn('Training examples', NUMERIC_LIMITS.trainSize.min, NUMERIC_LIMITS.trainSize.max, true),
    format: (v) => (typeof v === 'number' ? v.toLocaleString('en') : String(v)),
    parse: parseNumber,
  },
};

export const isVariedSetting = (text: unknown): text is VariedSetting => (VARIED_SETTINGS as readonly unknown[]).includes(text);

/** Values as the form shows them: "0, 0.25, 0.5". */
export const formatValues = (setting: VariedSetting, values: readonly SettingValue[]): string => values.map((v) => SETTINGS[setting].format(v)).join(', ');

/** A comma-separated list typed in the form → 1..8 distinct valid values, or the problems. */
export function parseValues(setting: VariedSetting, text: string): { values: SettingValue[] } | { problems: string[] } {
  const info = SETTINGS[setting];
  const problems: string[] = [];
  const values: SettingValue[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const parsed = info.parse(part);
    if (typeof parsed === 'object') problems.push(parsed.problem);
    else {
      const problem = info.check(parsed);
      if (problem) problems.push(problem);
      else if (!values.includes(parsed)) values.push(parsed);
    }
  }
  if (problems.length === 0 && values.length === 0) problems.push('Give at least one value.');
  if (values.length > MAX_VALUES) problems.push(`At most ${MAX_VALUES} values.`);
  return problems.length ? { problems } : { values };
}

export const MAX_VALUES = 8;

const DROPOUT_LAYER = (rate: number): LayerSpec => ({ type: 'dropout', rate });

/** Every dropout layer at `rate`; a network without one gets one before its output layer; 0 removes them. */
function withDropout(layers: readonly LayerSpec[], rate: number): LayerSpec[] {
  if (rate === 0) return layers.filter((l) => l.type !== 'dropout');
  if (layers.some((l) => l.type === 'dropout')) return layers.map((l) => (l.type === 'dropout' ? DROPOUT_LAYER(rate) : l));
  return [...layers.slice(0, -1), DROPOUT_LAYER(rate), ...layers.slice(-1)];
}

/** Batch normalisation after every convolution (on), or none at all (off). */
function withBatchNorm(layers: readonly LayerSpec[], on: boolean): LayerSpec[] {
  if (!on) return layers.filter((l) => l.type !== 'batchNorm');
  if (layers.some((l) => l.type === 'batchNorm')) return [...layers];
  return layers.flatMap((l): LayerSpec[] => (l.type === 'conv2d' ? [l, { type: 'batchNorm' }] : [l]));
}

/** The setup with the varied setting at `value` (value already checked). */
export function applyValue(setting: VariedSetting, value: SettingValue, setup: { config: RunConfig; spec: ModelSpec }): { config: RunConfig; spec: ModelSpec } {
  const { config, spec } = setup;
  switch (setting) {
    case 'dropout':
      return { config, spec: { ...spec, layers: withDropout(spec.layers, value as number) } };
    case 'learningRate':
      return { config, spec: { ...spec, learningRate: value as number } };
    case 'optimizer':
      return { config, spec: { ...spec, optimizer: value as OptimizerName } };
    case 'batchNorm':
      return { config, spec: { ...spec, layers: withBatchNorm(spec.layers, value as boolean) } };
    case 'trainSize':
      return { config: { ...config, trainSize: value as number }, spec };
  }
}

/** The value of the varied setting that a setup actually has (what a run really trained with). */
export function valueOf(setting: VariedSetting, setup: { config: RunConfig; spec: ModelSpec }): SettingValue {
  const { config, spec } = setup;
  switch (setting) {
    case 'dropout':
      return spec.layers.reduce((max, l) => (l.type === 'dropout' ? Math.max(max, l.rate) : max), 0);
    case 'learningRate':
      return spec.learningRate;
    case 'optimizer':
      return spec.optimizer;
    case 'batchNorm':
      return spec.layers.some((l) => l.type === 'batchNorm');
    case 'trainSize':
      return config.trainSize;
  }
}
