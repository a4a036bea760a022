import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../ml/config/runConfig';
import { SIMPLE_CNN } from '../ml/model/spec';
import { ADDRESS_PARAMS, DEFAULT_ADDRESS_STATE } from './params';
import { parseUrlState, serializeUrlState } from './urlState';

const parseRunConfig = (search: string) => {
  const { config, problems } = parseUrlState(search);
  return { config, problems };
};
const serializeRunConfig = (config: RunConfig) => serializeUrlState(config, SIMPLE_CNN);

describe('run config in the URL', () => {
  it('reads the small-run parameters', () => {
    const { config, problems } = parseRunConfig('?trainSize=300&testSize=200&epochs=1&batchSize=32&autostart=1&backend=cpu');
    expect(problems).toEqual([]);
    expect(config).toEqual({ ...DEFAULT_RUN_CONFIG, trainSize: 300, testSize: 200, epochs: 1, batchSize: 32, autostart: true, backend: 'cpu' });
  });

  it('uses defaults without parameters', () => {
    expect(parseRunConfig('')).toEqual({ config: DEFAULT_RUN_CONFIG, problems: [] });
  });

  it('reports and ignores bad values instead of crashing', () => {
    const { config, problems } = parseRunConfig('?trainSize=abc&epochs=0&batchSize=2.5&validationSplit=0.9&backend=tpu&autostart=maybe&testSize=');
    expect(config).toEqual(DEFAULT_RUN_CONFIG);
    expect(problems).toHaveLength(7);
    expect(problems[0]).toMatch(/trainSize="abc" ignored: Training examples must be a number/);
    expect(problems.join('\n')).toMatch(/epochs="0" ignored: Epochs must be between 1 and 100/);
    expect(problems.join('\n')).toMatch(/batchSize="2.5" ignored: Batch size must be a whole number/);
    expect(problems.join('\n')).toMatch(/backend="tpu" ignored/);
  });

  it('round-trips through the query string, writing only non-defaults', () => {
    const config = { ...DEFAULT_RUN_CONFIG, trainSize: 2000, validationSplit: 0.2, autostart: true };
    const query = serializeRunConfig(config);
    expect(query).toBe('?trainSize=2000&validationSplit=0.2&autostart=1');
    expect(parseRunConfig(query).config).toEqual(config);
    expect(serializeRunConfig(DEFAULT_RUN_CONFIG)).toBe('');
  });
});

describe('the address parameter table', () => {
  it('has one row per key, and every row leaves the defaults out of the address', () => {
    const keys = ADDRESS_PARAMS.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of Object.keys(DEFAULT_RUN_CONFIG)) expect(keys).toContain(key);
    for (const param of ADDRESS_PARAMS) expect(param.write(DEFAULT_ADDRESS_STATE), param.key).toBeNull();
  });

  it('reads back what each row writes', () => {
    const state = { ...DEFAULT_ADDRESS_STATE, config: { ...DEFAULT_RUN_CONFIG, seed: 7, backend: 'wasm' as const, restoreBestWeights: false }, view: { decoder: 'pure' as const, instructor: false, page: 'runs' as const } };
    for (const param of ADDRESS_PARAMS) {
      const written = param.write(state);
      if (written === null) continue;
      const read = param.parse(written, DEFAULT_ADDRESS_STATE);
      expect('problem' in read ? read.problem : param.write(read), param.key).toBe(written);
    }
  });
});
