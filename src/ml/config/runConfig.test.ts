import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_CONFIG, parseRunConfig, serializeRunConfig } from './runConfig';

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
