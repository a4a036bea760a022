import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_CONFIG } from '../../ml/config/runConfig';
import { initialAppState, type AppState } from '../../state/appState';
import type { TrainingStatus } from '../../state/types';
import { runShortcut, type PlaygroundCommands } from './commands';

function fakeStore(status: TrainingStatus, canTrain = true) {
  const calls: string[] = [];
  const s = initialAppState({ config: DEFAULT_RUN_CONFIG, problems: [] });
  const state: AppState = {
    ...s,
    backend: { ...s.backend, status: 'ready', active: 'cpu' },
    data: { ...s.data, trainAvailable: canTrain ? 60000 : 0, testAvailable: canTrain ? 10000 : 0 },
    model: { ...s.model, ready: true, name: 'Simple CNN' },
    training: { ...s.training, status, waiting: true },
  };
  const store: PlaygroundCommands = {
    getState: () => state,
    train: () => void calls.push('train'),
    pause: () => void calls.push('pause'),
    resume: () => void calls.push('resume'),
    step: () => void calls.push('step'),
    requestReset: () => (calls.push('reset'), 'Reset: the pretrained model is active again.'),
  };
  return { store, calls };
}

describe('runShortcut', () => {
  it('trains only when idle and ready', () => {
    const idle = fakeStore('done');
    expect(runShortcut(idle.store, 'train').text).toBe('Training a new network.');
    expect(idle.calls).toEqual(['train']);
    const busy = fakeStore('training');
    expect(runShortcut(busy.store, 'train').text).toMatch(/already/);
    expect(busy.calls).toEqual([]);
    expect(runShortcut(fakeStore('idle', false).store, 'train').text).toMatch(/Not ready/);
  });

  it('toggles pause and resume, and steps only when paused or idle', () => {
    const training = fakeStore('training');
    expect(runShortcut(training.store, 'pauseResume').text).toBe('Paused.');
    expect(runShortcut(training.store, 'step').text).toMatch(/press P first/);
    expect(training.calls).toEqual(['pause']);
    const paused = fakeStore('paused');
    expect(runShortcut(paused.store, 'pauseResume').text).toBe('Resumed.');
    expect(runShortcut(paused.store, 'step').text).toBe('Stepped one batch.');
    expect(paused.calls).toEqual(['resume', 'step']);
    expect(runShortcut(fakeStore('idle').store, 'pauseResume').text).toMatch(/Nothing to pause/);
  });

  it('asks the store to reset, which asks before discarding a run in progress', () => {
    const s = fakeStore('evaluating');
    expect(runShortcut(s.store, 'reset').text).toMatch(/Reset/);
    expect(s.calls).toEqual(['reset']);
  });
});
