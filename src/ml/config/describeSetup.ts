/**
 * A run's setup as labelled, human-readable values, and the rows where several setups
 * differ: what the runs table shows next to overlaid curves.
 */
import { encodeLayers } from './layerCodec';
import { presetWithLayers } from '../model/presets';
import { OPTIMIZER_LABELS, type ModelSpec } from '../model/spec';
import type { RunConfig } from './runConfig';
import { SCHEDULE_LABELS } from '../training/schedules';
import { INPUT_SCALING_LABELS } from '../data/inputScaling';

export interface SetupRow {
  readonly label: string;
  readonly value: string;
}

const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10}%`;

export function architectureName(spec: Pick<ModelSpec, 'layers'>): string {
  return presetWithLayers(spec.layers)?.name ?? 'Custom';
}

export function describeAugmentation(augmentation: ModelSpec['augmentation']): string {
  const parts = [
    augmentation.shift > 0 ? `shift ±${augmentation.shift} px` : null,
    augmentation.flip ? 'horizontal flip' : null,
    augmentation.erase > 0 ? `random erasing ${percent(augmentation.erase)}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'off';
}

export function describeSetup(config: RunConfig, spec: ModelSpec): SetupRow[] {
  const preset = presetWithLayers(spec.layers);
  return [
    { label: 'Architecture', value: preset ? preset.name : `Custom (${spec.layers.length} layers)` },
    { label: 'Layers', value: encodeLayers(spec.layers) },
    { label: 'Optimizer', value: OPTIMIZER_LABELS[spec.optimizer] },
    { label: 'Learning rate', value: String(spec.learningRate) },
    { label: 'Learning-rate schedule', value: SCHEDULE_LABELS[spec.schedule] },
    { label: 'L2 weight decay', value: spec.l2 > 0 ? String(spec.l2) : 'off' },
    { label: 'Augmentation', value: describeAugmentation(spec.augmentation) },
    { label: 'Input scaling', value: INPUT_SCALING_LABELS[spec.inputScaling ?? 'unit'] },
    { label: 'Label smoothing', value: spec.labelSmoothing > 0 ? String(spec.labelSmoothing) : 'off' },
    { label: 'Weight average (EMA)', value: spec.weightAverage > 0 ? `decay ${spec.weightAverage}` : 'off' },
    { label: 'Flip test-time augmentation', value: spec.flipTta ? 'on' : 'off' },
    { label: 'Epochs', value: String(config.epochs) },
    { label: 'Batch size', value: String(config.batchSize) },
    { label: 'Validation split', value: percent(config.validationSplit) },
    { label: 'Training examples', value: config.trainSize.toLocaleString('en') },
    { label: 'Test images', value: config.testSize.toLocaleString('en') },
    { label: 'Random seed', value: String(config.seed) },
    {
      label: 'Early stopping',
      value:
        config.earlyStopping === 'off'
          ? 'off'
          : `${config.earlyStopping}, patience ${config.patience}${config.restoreBestWeights ? ', restore best weights' : ''}`,
    },
  ];
}

export interface DifferenceRow {
  readonly label: string;
  /** One value per setup, in order. */
  readonly values: readonly string[];
}

/** The rows whose values are not all equal (setups must come from describeSetup or share its labels). */
export function setupDifferences(setups: readonly (readonly SetupRow[])[]): DifferenceRow[] {
  if (setups.length < 2) return [];
  return setups[0]
    .map((row, i) => ({ label: row.label, values: setups.map((s) => s[i]?.value ?? '–') }))
    .filter((row) => new Set(row.values).size > 1);
}
