import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_CONFIG } from '../../ml/config/runConfig';
import { presetById } from '../../ml/model/presets';
import { SIMPLE_CNN } from '../../ml/model/spec';
import { applyValue, parseValues, valueOf, VARIED_SETTINGS } from './variedSetting';

const setup = { config: DEFAULT_RUN_CONFIG, spec: SIMPLE_CNN };

describe('varied settings', () => {
  it('applies each value so that the setup then has it', () => {
    const cases = { dropout: [0, 0.3], learningRate: [0.01], optimizer: ['sgd'], batchNorm: [true, false], trainSize: [1000] } as const;
    for (const setting of VARIED_SETTINGS) for (const value of cases[setting]) expect(valueOf(setting, applyValue(setting, value, setup))).toBe(value);
  });

  it('sets every dropout layer of a network that has some, and removes them at 0', () => {
    const spec = presetById('dropout').spec;
    const rates = (s: typeof spec) => s.layers.flatMap((l) => (l.type === 'dropout' ? [l.rate] : []));
    expect(new Set(rates(applyValue('dropout', 0.4, { config: DEFAULT_RUN_CONFIG, spec }).spec))).toEqual(new Set([0.4]));
    expect(rates(applyValue('dropout', 0, { config: DEFAULT_RUN_CONFIG, spec }).spec)).toEqual([]);
  });

  it('reads typed value lists strictly', () => {
    expect(parseValues('dropout', '0, 0.25,0.5, 0.25')).toEqual({ values: [0, 0.25, 0.5] });
    expect(parseValues('dropout', '0, 2')).toEqual({ problems: ['Dropout rate: use a number from 0 to 0.9.'] });
    expect(parseValues('optimizer', 'Adam, sgd')).toEqual({ values: ['adam', 'sgd'] });
    expect(parseValues('batchNorm', 'on, off')).toEqual({ values: [true, false] });
    expect(parseValues('trainSize', '')).toEqual({ problems: ['Give at least one value.'] });
  });
});
