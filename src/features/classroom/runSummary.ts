/**
 * A student's run as the class sees it, read from the store: the settings, the per-epoch train
 * and validation loss and accuracy, thinned batch points, the final test accuracy and confusion
 * matrix, the backend and the speed. Nothing else leaves the tab: no images, no drawings, no
 * weights. Pure.
 */
import { buildConfusionMatrix } from '../../ml/metrics';
import { NUM_CLASSES } from '../../ml/constants';
import type { AppState } from '../../state/types';
import { MAX_BATCH_POINTS, MAX_EPOCH_ROWS, RUN_STATUSES, type RunSummary } from './schema';
import { valueOf, type VariedSetting } from './variedSetting';

const ACTIVE = new Set(['training', 'paused', 'validating', 'evaluating']);
export const isActiveStatus = (status: string): boolean => ACTIVE.has(status);

const round = (x: number, digits = 4) => Number(x.toFixed(digits));
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Every k-th point so that at most `max` remain, the last one always kept. */
export function thin<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const step = Math.ceil(points.length / (max - 1));
  const out: T[] = [];
  for (let i = 0; i < points.length - 1 && out.length < max - 1; i += step) out.push(points[i]);
  out.push(points[points.length - 1]);
  return out;
}

const confusionCache = new WeakMap<object, number[][] | null>();

/** The final test evaluation's confusion matrix (rows: true class), or null before there is one. */
export function finalConfusion(state: AppState): number[][] | null {
  const final = state.evaluation.final;
  if (!final || !state.test) return null;
  if (confusionCache.has(final)) return confusionCache.get(final) ?? null;
  const labels = state.dataset.test.labels;
  const n = final.indices.length;
  let matrix: number[][] | null = null;
  if (n > 0 && final.indices[n - 1] < labels.length && state.dataset.test.labelsLoaded) {
    const truth = new Uint8Array(n);
    const predicted = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      truth[i] = labels[final.indices[i]];
      let best = 0;
      for (let c = 1; c < NUM_CLASSES; c++) if (final.probabilities[i * NUM_CLASSES + c] > final.probabilities[i * NUM_CLASSES + best]) best = c;
      predicted[i] = best;
    }
    matrix = buildConfusionMatrix(truth, predicted).counts.map((row) => [...row]);
  }
  confusionCache.set(final, matrix);
  return matrix;
}

export function buildRunSummary(state: AppState, run: { id: string; setting: VariedSetting; examplesPerSecond: number | null }): RunSummary | null {
  const { training, config, modelSpec: spec } = state;
  const status = training.status;
  if (!(RUN_STATUSES as readonly string[]).includes(status)) return null;
  const batchesInEpoch = Math.max(1, training.batchesInEpoch);
  const epochs = training.epochHistory.slice(0, MAX_EPOCH_ROWS).map((e, i) => ({
    epoch: i + 1,
    loss: round(e.loss),
    accuracy: round(clamp01(e.accuracy)),
    valLoss: e.valLoss === null ? null : round(e.valLoss),
    valAccuracy: e.valAccuracy === null ? null : round(clamp01(e.valAccuracy)),
  }));
  const batches = thin(training.batches.filter((b) => Number.isFinite(b.loss) && Number.isFinite(b.accuracy)), MAX_BATCH_POINTS).map(
    (b): [number, number, number] => [round(Math.min(MAX_EPOCH_ROWS, b.step / batchesInEpoch), 3), round(b.loss), round(clamp01(b.accuracy))],
  );
  const test = state.test && Number.isFinite(state.test.accuracy) ? { accuracy: round(clamp01(state.test.accuracy), 5), count: state.test.count } : null;
  const backend = state.backend.active ? `${state.backend.active}${state.backend.details ? ` (${state.backend.details})` : ''}` : 'starting';
  return {
    id: run.id,
    status: status as RunSummary['status'],
    value: valueOf(run.setting, { config, spec }),
    settings: {
      optimizer: spec.optimizer,
      learningRate: spec.learningRate,
      dropout: valueOf('dropout', { config, spec }) as number,
      batchNorm: valueOf('batchNorm', { config, spec }) as boolean,
      trainSize: config.trainSize,
      epochs: config.epochs,
      batchSize: config.batchSize,
    },
    epochs,
    batches,
    progress: { epoch: training.epoch, batch: training.batch, batchesInEpoch: training.batchesInEpoch },
    test,
    confusion: test ? finalConfusion(state) : null,
    backend: backend.slice(0, 80),
    examplesPerSecond: run.examplesPerSecond === null ? null : Math.round(run.examplesPerSecond),
    updatedAt: Date.now(),
  };
}
