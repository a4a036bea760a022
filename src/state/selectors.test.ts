import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_CONFIG } from '../ml/config/runConfig';
import { initialAppState } from './appState';
import { selectPlannedEpochs } from './selectors';

describe('selectPlannedEpochs', () => {
  const loaded = initialAppState({ config: { ...DEFAULT_RUN_CONFIG, epochs: 5 }, problems: [] });

  it('before any run follows the settings, also when they change after load (a class assignment)', () => {
    expect(selectPlannedEpochs(loaded)).toBe(5);
    expect(selectPlannedEpochs({ ...loaded, config: { ...loaded.config, epochs: 2 } })).toBe(2);
  });

  it('during and after a run keeps the run’s own epochs, whatever the settings say now', () => {
    const running = { ...loaded, config: { ...loaded.config, epochs: 9 }, training: { ...loaded.training, status: 'training' as const, epochs: 2 } };
    expect(selectPlannedEpochs(running)).toBe(2);
    expect(selectPlannedEpochs({ ...running, training: { ...running.training, status: 'done' as const } })).toBe(2);
  });
});
