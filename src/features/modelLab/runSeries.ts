/** Runs' curves as chart series: one per run, plus learning-rate markers on batch curves. */
import type { Series } from '../../vis/tfvisAdapter';
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

/** Points of a vertical dotted line at batch `step` from `low` to `high` (charts have no annotations). */
export function learningRateMarker(name: string, step: number, low: number, high: number, dots = 12): Series {
  return { name, points: Array.from({ length: dots }, (_, i) => ({ x: step, y: low + ((high - low) * i) / (dots - 1) })) };
}

export const describeChange = (from: number, to: number, step: number) => `learning rate ${from} → ${to} at batch ${step}`;

export function runSeries(runs: readonly RunRecord[], curve: CurveId): Series[] {
  const series: Series[] = runs.map((run) => ({ name: runName(run), points: points(run, curve) }));
  if (!CURVES[curve].perBatch) return series;
  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  if (ys.length === 0) return series;
  const [low, high] = [Math.min(...ys), Math.max(...ys)];
  const markers = runs.flatMap((run) =>
    run.learningRateChanges.map((c) => learningRateMarker(`${runName(run)}: lr → ${c.to} at ${c.step}`, c.step, low, high)),
  );
  return [...series, ...markers];
}
