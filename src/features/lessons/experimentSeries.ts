/** An experiment's arms as chart series (one per arm, on true epoch or batch numbers). */
import type { ArmResult } from '../../ml/experiments/plan';
import type { Series } from '../../vis/lineChart';
import type { ExperimentLesson } from './lessonModel';

export interface CurveDef {
  readonly x: string;
  readonly y: string;
  readonly yDomain?: readonly [number, number];
  readonly series: (results: readonly ArmResult[]) => Series[];
}

export const CURVE_DEFS: Record<ExperimentLesson['curve'], CurveDef> = {
  valAccuracy: {
    x: 'Epoch',
    y: 'Validation accuracy',
    series: (results) => results.map((r) => ({ name: r.label, points: r.epochs.filter((e) => e.valAccuracy !== null).map((e) => ({ x: e.epoch + 1, y: e.valAccuracy as number })) })),
  },
  trainVsVal: {
    x: 'Epoch',
    y: 'Training − validation accuracy (gap)',
    series: (results) => results.map((r) => ({ name: r.label, points: r.epochs.filter((e) => e.valAccuracy !== null).map((e) => ({ x: e.epoch + 1, y: e.accuracy - (e.valAccuracy as number) })) })),
  },
  batchLoss: {
    x: 'Batch',
    y: 'Training loss',
    series: (results) => results.map((r) => ({ name: r.label, points: r.batchLoss.filter((p) => Number.isFinite(p.loss)).map((p) => ({ x: p.step, y: p.loss })) })),
  },
};
