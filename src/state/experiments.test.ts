import { describe, expect, it } from 'vitest';
import type { ArmResult } from '../ml/experiments/plan';
import { NO_EXPERIMENTS, projectExperiment, withRestoredResults } from './experiments';

const result = (armId: string, accuracy: number): ArmResult => ({
  armId,
  label: armId,
  status: 'done',
  params: 10,
  batchLoss: [],
  epochs: [],
  test: { accuracy, loss: 1, count: 10 },
  shiftedTest: null,
  earlyStopping: null,
  maps: [],
  filters: null,
  trainSeconds: 1,
  seconds: 1,
  backend: 'cpu',
  message: null,
});

describe('the experiments projection', () => {
  it('tracks the running experiment and keeps every finished arm, also after a stop', () => {
    let s = projectExperiment({ ...NO_EXPERIMENTS, requested: 'x' }, { kind: 'started', experimentId: 'x', armIds: ['a', 'b'] });
    expect(s.requested).toBeNull();
    s = projectExperiment(s, { kind: 'progress', experimentId: 'x', armId: 'a', epoch: 0, batch: 3, batchesInEpoch: 10, epochs: 1, examplesPerSecond: 100, lastLoss: 1 });
    expect(s.running?.progress?.batch).toBe(3);
    s = projectExperiment(s, { kind: 'armEnded', experimentId: 'x', result: result('a', 0.5) });
    s = projectExperiment(s, { kind: 'ended', experimentId: 'x', status: 'stopped', message: null });
    expect(s.running).toBeNull();
    expect(Object.keys(s.results.x)).toEqual(['a']);
    expect(s.problems).toEqual({});
  });

  it('says why an experiment was refused', () => {
    const s = projectExperiment({ ...NO_EXPERIMENTS, requested: 'x' }, { kind: 'ended', experimentId: 'x', status: 'error', message: 'still loading' });
    expect(s.requested).toBeNull();
    expect(s.problems.x).toBe('still loading');
  });

  it('restored results fill in under this session\'s, which win', () => {
    const s = projectExperiment(NO_EXPERIMENTS, { kind: 'armEnded', experimentId: 'x', result: result('a', 0.9) });
    const merged = withRestoredResults(s, { x: { a: result('a', 0.1), b: result('b', 0.2) }, y: { c: result('c', 0.3) } });
    expect(merged.results.x.a.test?.accuracy).toBe(0.9);
    expect(merged.results.x.b.test?.accuracy).toBe(0.2);
    expect(Object.keys(merged.results).sort()).toEqual(['x', 'y']);
  });
});
