import { describe, expect, it } from 'vitest';
import type { TrainingStatus } from '../../state/types';
import { runShortcut, type PlaygroundCommands } from './commands';

function fakeStore(status: TrainingStatus, canTrain = true) {
  const calls: string[] = [];
  const busy = ['training', 'paused', 'validating', 'evaluating'].includes(status);
  const store = {
    getState: () => ({ training: { status } }),
    isBusy: () => busy,
    canTrain: () => canTrain,
    train: async () => void calls.push('train'),
    pause: () => void calls.push('pause'),
    resume: () => void calls.push('resume'),
    step: async () => void calls.push('step'),
    reset: async () => void calls.push('reset'),
  } as unknown as PlaygroundCommands;
  return { store, calls };
}

describe('runShortcut', () => {
  it('trains only when idle and ready', () => {
    const idle = fakeStore('done');
    expect(runShortcut(idle.store, 'train')).toBe('Training a new network.');
    expect(idle.calls).toEqual(['train']);
    const busy = fakeStore('training');
    expect(runShortcut(busy.store, 'train')).toMatch(/already/);
    expect(busy.calls).toEqual([]);
    expect(runShortcut(fakeStore('idle', false).store, 'train')).toMatch(/Not ready/);
  });

  it('toggles pause and resume, and steps only when paused or idle', () => {
    const training = fakeStore('training');
    expect(runShortcut(training.store, 'pauseResume')).toBe('Paused.');
    expect(runShortcut(training.store, 'step')).toMatch(/press P first/);
    expect(training.calls).toEqual(['pause']);
    const paused = fakeStore('paused');
    expect(runShortcut(paused.store, 'pauseResume')).toBe('Resumed.');
    expect(runShortcut(paused.store, 'step')).toBe('Stepped one batch.');
    expect(paused.calls).toEqual(['resume', 'step']);
    expect(runShortcut(fakeStore('idle').store, 'pauseResume')).toMatch(/Nothing to pause/);
  });

  it('resets in any state', () => {
    const s = fakeStore('evaluating');
    expect(runShortcut(s.store, 'reset')).toMatch(/Reset/);
    expect(s.calls).toEqual(['reset']);
  });
});
