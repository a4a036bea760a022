import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../protocol/engineState';
import { DEFAULT_RUN_CONFIG } from '../ml/config/runConfig';
import { SIMPLE_CNN } from '../ml/model/spec';
import { initialAppState } from './appState';
import { projectEvent } from './project';
import { MAX_STORED_BATCHES, nextRunId, parseRuns, serializeRuns } from './runHistory';

function run(id: number, batches = 10): RunRecord {
  return {
    id,
    config: DEFAULT_RUN_CONFIG,
    spec: SIMPLE_CNN,
    backend: 'wasm',
    params: 225034,
    status: 'stopped',
    endedAt: { epoch: 1, batch: 770, batchesInEpoch: 844 },
    batches: Array.from({ length: batches }, (_, i) => ({ step: i + 1, epoch: 0, loss: 2 - i / batches, accuracy: i / batches })),
    epochHistory: [{ epoch: 0, loss: 0.5, accuracy: 0.8, valLoss: 0.4, valAccuracy: 0.85, trainExamples: 54000, valExamples: 6000, seconds: 40 }],
    learningRateChanges: [],
    earlyStopping: null,
    test: { accuracy: 0.87, loss: 0.36, count: 10000, seconds: 2, partial: true, epochsCompleted: 1, epochs: 5 },
    seconds: 95,
  };
}

describe('runs kept across reloads', () => {
  it('reads back what it stored: summaries and curves', () => {
    const runs = [run(1), run(2)];
    expect(parseRuns(serializeRuns(runs))).toEqual(runs);
  });

  it('thins long curves but keeps their last point', () => {
    const long = run(1, 4220);
    const [back] = parseRuns(serializeRuns([long]));
    expect(back.batches.length).toBeLessThanOrEqual(MAX_STORED_BATCHES + 1);
    expect(back.batches.at(-1)).toEqual(long.batches.at(-1));
    expect(back.batches[0]).toEqual(long.batches[0]);
  });

  it('skips what it cannot read instead of failing the page', () => {
    expect(parseRuns(null)).toEqual([]);
    expect(parseRuns('{not json')).toEqual([]);
    expect(parseRuns(JSON.stringify({ version: 2, runs: [run(1)] }))).toEqual([]);
    const damaged = { ...run(2), batches: 'oops' };
    expect(parseRuns(JSON.stringify({ version: 1, runs: [run(1), damaged] }))).toEqual([run(1)]);
  });

  it('numbers a new run after the ones kept from earlier visits', () => {
    expect(nextRunId([])).toBe(1);
    expect(nextRunId([run(3), run(7)])).toBe(8);
    const state = { ...initialAppState({ config: DEFAULT_RUN_CONFIG, problems: [] }), runs: [run(1), run(2)] };
    // The engine of a fresh tab calls its first run 1 again.
    const next = projectEvent(state, { type: 'runEnded', run: { ...run(1), batches: undefined } as never });
    expect(next.runs.map((r) => r.id)).toEqual([1, 2, 3]);
  });
});
