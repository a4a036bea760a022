/** Runs' curves as chart series: one per run, plus learning-rate markers on batch curves. */
import type { Marker, Series } from '../../vis/lineChart';
import type { RunRecord } from '../../state/types';

export const CURVES = {
  batchLoss: { label: 'Loss per batch', x: 'Batch', y: 'Loss', perBatch: true },
  batchAccuracy: { label: 'Accuracy per batch', x: 'Batch', y: 'Accuracy', perBatch: true },
  valAccuracy: { label: 'Validation accuracy per epoch', x: 'Epoch', y: 'Accuracy', perBatch: false },
  valLoss: { label: 'Validation loss per epoch', x: 'Epoch', y: 'Loss', perBatch: false },
  trainLoss: { label: 'Training loss per epoch', x: 'Epoch', y: 'Loss', perBatch: false },
} as const;
export type CurveId = keyof typeof CURVES;

export const runName = (run: RunRecord) => `Run ${run.id}`;

function points(run: RunRecord, curve: CurveId): { x: number; y: number }[] {
  switch (curve) {
    case 'batchLoss':
      return run.batches.map((b) => ({ x: b.step, y: b.loss }));
    case 'batchAccuracy':
      return run.batches.map((b) => ({ x: b.step, y: b.accuracy }));
    case 'valAccuracy':
      return run.epochHistory.flatMap((e) => (e.valAccuracy === null ? [] : [{ x: e.epoch + 1, y: e.valAccuracy }]));
    case 'valLoss':
      return run.epochHistory.flatMap((e) => (e.valLoss === null ? [] : [{ x: e.epoch + 1, y: e.valLoss }]));
    case 'trainLoss':
      return run.epochHistory.map((e) => ({ x: e.epoch + 1, y: e.loss }));
  }
}

export const describeChange = (from: number, to: number, step: number) => `learning rate ${from} → ${to} at batch ${step}`;

/** One series per run; on per-batch curves, each run's learning-rate changes as markers. */
export function runSeries(runs: readonly RunRecord[], curve: CurveId): { series: Series[]; markers: Marker[] } {
  // A run without this curve (e.g. no validation) is left out, legend included.
  const series: Series[] = runs.map((run) => ({ name: runName(run), points: points(run, curve) })).filter((s) => s.points.length > 0);
  if (!CURVES[curve].perBatch) return { series, markers: [] };
  const markers = runs.flatMap((run) => run.learningRateChanges.map((c) => ({ x: c.step, label: `${runName(run)}: ${describeChange(c.from, c.to, c.step)}` })));
  return { series, markers };
}
