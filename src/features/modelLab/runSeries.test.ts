import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_CONFIG } from '../../ml/config/runConfig';
import { SIMPLE_CNN } from '../../ml/model/spec';
import type { RunRecord } from '../../state/types';
import { runSeries } from './runSeries';

const run = (id: number, rateChangeAt: number | null): RunRecord => ({
  id,
  config: DEFAULT_RUN_CONFIG,
  spec: SIMPLE_CNN,
  backend: 'wasm',
  params: 225_034,
  status: 'done',
  batches: [1, 2, 3, 4].map((step) => ({ step, epoch: step > 2 ? 1 : 0, loss: 2 / step, accuracy: step / 5 })),
  epochHistory: [0, 1].map((epoch) => ({ epoch, loss: 1 - epoch / 4, accuracy: 0.5, valLoss: epoch === 0 ? 0.9 : 0.8, valAccuracy: 0.6, trainExamples: 128, valExamples: 32, seconds: 1 })),
  learningRateChanges: rateChangeAt === null ? [] : [{ epoch: 0, batch: rateChangeAt - 1, step: rateChangeAt, from: 0.001, to: 0.01 }],
  earlyStopping: null,
  test: null,
  seconds: 3,
  endedAt: { epoch: 1, batch: 4, batchesInEpoch: 4 },
});

describe('runSeries', () => {
  it('gives one series per run on true x values, and learning-rate changes as markers on batch curves', () => {
    const { series, markers } = runSeries([run(1, null), run(2, 3)], 'batchLoss');
    expect(series.map((s) => s.name)).toEqual(['Run 1', 'Run 2']);
    expect(series[1].points.map((p) => p.x)).toEqual([1, 2, 3, 4]);
    expect(markers).toEqual([{ x: 3, label: 'Run 2: learning rate 0.001 → 0.01 at batch 3' }]);
  });

  it('counts epochs from 1 and puts no markers on epoch curves', () => {
    const { series, markers } = runSeries([run(2, 3)], 'valLoss');
    expect(series[0].points).toEqual([
      { x: 1, y: 0.9 },
      { x: 2, y: 0.8 },
    ]);
    expect(markers).toEqual([]);
  });
});
