import { describe, expect, it } from 'vitest';
import { PRESET_IDS } from '../../src/ml/model/presets';
import { DEFAULT_OPTIONS, parseOptions } from './options';
import { cosineLearningRate } from './schedule';

describe('pretrain options', () => {
  it('defaults to the shipped recipe and reads overrides', () => {
    expect(parseOptions([])).toEqual(DEFAULT_OPTIONS);
    expect(parseOptions(['--preset=modern', '--epochs=12', '--shift=2', '--flip=true', '--resume'])).toMatchObject({ preset: 'modern', epochs: 12, shift: 2, flip: true, resume: true });
  });

  it('refuses bad values with the option named', () => {
    expect(() => parseOptions(['--preset=huge'])).toThrow(`--preset must be one of ${PRESET_IDS.join(', ')}.`);
    expect(() => parseOptions(['--epochs=0'])).toThrow('--epochs=0 is not allowed.');
    expect(() => parseOptions(['--train-size=70000'])).toThrow('--train-size=70000 is not allowed.');
    expect(() => parseOptions(['--flip=yes'])).toThrow('--flip must be true or false.');
    expect(() => parseOptions(['--nope'])).toThrow();
  });
});

describe('cosine learning rate', () => {
  it('starts at the initial rate, ends at initial × factor, and falls in between', () => {
    const rates = Array.from({ length: 8 }, (_, e) => cosineLearningRate(0.001, 0.05, e, 8));
    expect(rates[0]).toBe(0.001);
    expect(rates[7]).toBeCloseTo(0.00005, 12);
    for (let e = 1; e < 8; e++) expect(rates[e]).toBeLessThan(rates[e - 1]);
    expect(cosineLearningRate(0.001, 0.05, 0, 1)).toBe(0.001);
  });
});
