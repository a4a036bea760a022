import { describe, expect, it } from 'vitest';
import { partialEpochText, positionText, runStateText } from './runStatusText';

const at = { waiting: true, epoch: 0, epochs: 5, batch: 614, batchesInEpoch: 844, epochHistory: [] };

describe('the run state in words', () => {
  it('says where a stopped run stopped, counting epochs from 1', () => {
    expect(runStateText({ ...at, status: 'stopped' })).toBe('Stopped in epoch 1, batch 614 of 844');
    expect(positionText({ epoch: 2, batch: 1200, batchesInEpoch: 1688 })).toBe('epoch 3, batch 1,200 of 1,688');
  });

  it('gives the position of a run in progress, and says a pause is still settling', () => {
    expect(runStateText({ ...at, status: 'training' })).toBe('Training · epoch 1 of 5 · batch 614 of 844');
    expect(runStateText({ ...at, status: 'paused', waiting: false })).toBe('Pausing…');
    expect(runStateText({ ...at, status: 'paused' })).toBe('Paused · epoch 1 of 5 · batch 614 of 844');
  });

  it('counts the epochs a finished run trained', () => {
    const history = [{}, {}] as never;
    expect(runStateText({ ...at, status: 'done', epochs: 2, epoch: 1, epochHistory: history })).toBe('Finished: 2 of 2 epochs');
    expect(runStateText({ ...at, status: 'idle' })).toBe('Ready to train');
  });

  it('says when an epoch trains on part of the data because the rest was still loading', () => {
    const partial = { ...at, status: 'training' as const, epochExamples: 15000, plannedEpochExamples: 54000 };
    expect(runStateText(partial)).toBe('Training · epoch 1 of 5 · batch 614 of 844 · on 15,000 of 54,000 images (the rest are still loading)');
    expect(runStateText({ ...partial, epochExamples: 54000 })).toBe('Training · epoch 1 of 5 · batch 614 of 844');
    expect(partialEpochText(15000, 54000)).toBe('15,000 of 54,000 images (the rest were still loading)');
    expect(partialEpochText(54000, 54000)).toBeNull();
    expect(partialEpochText(100, undefined)).toBeNull();
  });
});
