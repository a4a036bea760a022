import { describe, expect, it } from 'vitest';
import { runShortcut, type PlaygroundCommands } from '../features/instructor/commands';
import { describeSource } from '../features/evaluation/labels';
import type { EvaluationResult } from '../features/evaluation/evaluationResult';
import { DEFAULT_RUN_CONFIG } from '../ml/config/runConfig';
import { SIMPLE_CNN } from '../ml/model/spec';
import { initialAppState, type AppState } from './appState';
import { partialEpochText, positionText, runStateText, selectRunStatus } from './runStatus';

const at = { waiting: true, epoch: 0, epochs: 5, batch: 614, batchesInEpoch: 844, epochHistory: [] };

/** Backend up, model built, everything loaded: Train can be pressed. */
function readyState(): AppState {
  const s = initialAppState({ config: { ...DEFAULT_RUN_CONFIG, trainSize: 60000, testSize: 10000 }, problems: [] });
  return {
    ...s,
    backend: { ...s.backend, status: 'ready', active: 'cpu' },
    data: { ...s.data, status: 'ready', trainAvailable: 60000, testAvailable: 10000, progress: { loadedBytes: 100, totalBytes: 100, filesDone: 14, filesTotal: 14, file: '' } as never },
    model: { ...s.model, ready: true, name: 'Simple CNN', source: 'untrained', spec: SIMPLE_CNN, params: 225034 },
  };
}

function loading(percent: number): AppState {
  const s = readyState();
  return { ...s, data: { ...s.data, status: 'loading', trainAvailable: 5000, progress: { loadedBytes: percent, totalBytes: 100, filesDone: 2, filesTotal: 14, file: '' } as never } };
}

function training(s: AppState, patch: Partial<AppState['training']> = {}): AppState {
  return { ...s, training: { ...s.training, status: 'training', epoch: 1, epochs: 5, batch: 30, batchesInEpoch: 844, ...patch } };
}

describe('the one run status', () => {
  it('says where a stopped run stopped, counting epochs from 1', () => {
    expect(runStateText({ ...at, status: 'stopped' })).toBe('Stopped in epoch 1, batch 614 of 844');
    expect(positionText({ epoch: 2, batch: 1200, batchesInEpoch: 1688 })).toBe('epoch 3, batch 1,200 of 1,688');
  });

  it('gives the position of a run in progress, and says a pause is still settling', () => {
    expect(runStateText({ ...at, status: 'training' })).toBe('Training · epoch 1 of 5 · batch 614 of 844');
    expect(runStateText({ ...at, status: 'paused', waiting: false })).toBe('Pausing…');
    expect(runStateText({ ...at, status: 'paused' })).toBe('Paused · epoch 1 of 5 · batch 614 of 844');
    expect(runStateText({ ...at, status: 'done', epochs: 2, epoch: 1, epochHistory: [{}, {}] as never })).toBe('Finished: 2 of 2 epochs');
    expect(partialEpochText(15000, 54000)).toBe('15,000 of 54,000 images (the rest were still loading)');
    expect(partialEpochText(54000, 54000)).toBeNull();
  });

  it('while loading says only how far loading is: never "Ready to train" beside it', () => {
    const status = selectRunStatus(loading(14));
    expect(status.text).toBe('Loading the images… 14%');
    expect(status.canStart).toBe(false);
    expect(status.text).not.toMatch(/Ready/);
    const ready = selectRunStatus(readyState());
    expect(ready).toMatchObject({ phase: 'ready', text: 'Ready to train', canStart: true });
  });

  it('never calls the model being trained "untrained"', () => {
    // The engine built the run's model (source "untrained", 0 batches) before its first batch.
    const s = training(readyState());
    const status = selectRunStatus(s);
    expect(status.model).toBe('Simple CNN (training, epoch 2)');
    expect(status.model).not.toMatch(/untrained/);
    expect(status.modelLong).toMatch(/in training \(epoch 2 of 5\)/);
    expect(status.text).toBe('Training · epoch 2 of 5 · batch 30 of 844');
  });

  it('says the pretrained model is loading instead of a false "untrained"', () => {
    const s = readyState();
    const status = selectRunStatus({ ...s, pretrained: { ...s.pretrained, status: 'loading' } });
    expect(status.model).toBe('loading the pretrained model…');
  });

  it('answers the instructor\'s T with the same words as the status line, and only while they are true', () => {
    let state = loading(14);
    const calls: string[] = [];
    const store: PlaygroundCommands = {
      getState: () => state,
      train: () => void calls.push('train'),
      pause: () => undefined,
      resume: () => undefined,
      step: () => undefined,
      requestReset: () => 'reset',
    };
    const outcome = runShortcut(store, 'train');
    expect(outcome.text).toBe('Not ready to train yet: Loading the images… 14%');
    expect(outcome.onlyWhile).toBe('loading');
    expect(calls).toEqual([]);
    state = readyState();
    // The message belongs to the loading phase: the status moved on, so the page drops it.
    expect(selectRunStatus(state).phase).not.toBe(outcome.onlyWhile);
    expect(runShortcut(store, 'train').text).toBe('Training a new network.');
    expect(calls).toEqual(['train']);
  });

  it('Evaluate says where a stopped run stopped, in the status\'s words (epoch 2, not "after 1 of 5")', () => {
    const s = readyState();
    const stopped: AppState = { ...s, training: { ...s.training, status: 'stopped', epoch: 1, epochs: 5, batch: 770, batchesInEpoch: 844 } };
    const status = selectRunStatus(stopped);
    expect(status.endedAt).toBe('epoch 2, batch 770 of 844');
    expect(status.text).toBe('Stopped in epoch 2, batch 770 of 844');
    const result = { source: { kind: 'final', partial: true, epochsCompleted: 1, epochs: 5 }, count: 10000, seconds: 2 } as unknown as EvaluationResult;
    expect(describeSource(result, status.endedAt)).toBe('Final, for the model stopped in epoch 2, batch 770 of 844 (of 5 epochs), on all 10,000 test images (evaluated in 2.0 s)');
    expect(describeSource(result, status.endedAt)).not.toMatch(/after 1 of 5/);
  });
});
