import { useEffect, useRef } from 'react';
import type { EpochEvent, LearningRateChange } from '../ml/training/trainer';
import type { BatchPoint } from '../state/types';
import { disposeLineChart, renderLineChart, type Marker, type Series } from '../vis/lineChart';
import { useAppSelector } from '../state/hooks';
import { useThrottledRender } from './useThrottledRender';

const batchCurve = (name: string, batches: readonly BatchPoint[], y: (b: BatchPoint) => number): Series[] => [
  { name, points: batches.map((b) => ({ x: b.step, y: y(b) })) },
];

/** Train vs validation; x is the epoch as people count it, from 1 (`epoch` is 0-based). */
function epochCurves(history: readonly EpochEvent[], train: (e: EpochEvent) => number, validation: (e: EpochEvent) => number | null): Series[] {
  return [
    { name: 'train', points: history.map((e) => ({ x: e.epoch + 1, y: train(e) })) },
    {
      name: 'validation',
      points: history.flatMap((e) => {
        const y = validation(e);
        return y === null ? [] : [{ x: e.epoch + 1, y }];
      }),
    },
  ];
}

/** Each change is drawn where it took effect: at the first batch trained with the new rate. */
const rateMarkers = (changes: readonly LearningRateChange[]): Marker[] => changes.map((c) => ({ x: c.step, label: `learning rate ${c.from} → ${c.to}` }));

/** Live curves: per-batch loss and accuracy, per-epoch train vs validation. */
export function TrainingCharts() {
  const training = useAppSelector((s) => s.training);
  const batchLoss = useRef<HTMLDivElement>(null);
  const batchAcc = useRef<HTMLDivElement>(null);
  const epochLoss = useRef<HTMLDivElement>(null);
  const epochAcc = useRef<HTMLDivElement>(null);
  const { batches, epochHistory, learningRateChanges } = training;

  // Finalize the vega views (listeners, tooltip handler) when the charts go away.
  useEffect(() => {
    const containers = [batchLoss.current, batchAcc.current, epochLoss.current, epochAcc.current];
    return () => containers.forEach((c) => c && disposeLineChart(c));
  }, []);

  // Empty curves release a chart, so after a reset the old run's curves go too.
  useThrottledRender(() => {
    const markers = rateMarkers(learningRateChanges);
    if (batchLoss.current) {
      void renderLineChart(batchLoss.current, batchCurve('loss', batches, (b) => b.loss), { xLabel: 'Batch', yLabel: 'Loss', markers });
    }
    if (batchAcc.current) {
      void renderLineChart(batchAcc.current, batchCurve('accuracy', batches, (b) => b.accuracy), { xLabel: 'Batch', yLabel: 'Accuracy', yDomain: [0, 1], markers });
    }
  }, [batches, learningRateChanges]);

  useThrottledRender(
    () => {
      if (epochLoss.current) {
        void renderLineChart(epochLoss.current, epochCurves(epochHistory, (e) => e.loss, (e) => e.valLoss), { xLabel: 'Epoch', yLabel: 'Loss' });
      }
      if (epochAcc.current) {
        void renderLineChart(epochAcc.current, epochCurves(epochHistory, (e) => e.accuracy, (e) => e.valAccuracy), { xLabel: 'Epoch', yLabel: 'Accuracy' });
      }
    },
    [epochHistory],
    200,
  );

  const placeholder = (text: string, show: boolean) => (show ? <p className="chart__empty muted">{text}</p> : null);
  return (
    <div className="charts">
      <figure className="chart">
        <figcaption>Loss per batch</figcaption>
        {placeholder('Appears when training starts.', batches.length === 0)}
        <div ref={batchLoss} data-testid="batch-loss-chart" />
      </figure>
      <figure className="chart">
        <figcaption>Accuracy per batch</figcaption>
        {placeholder('Appears when training starts.', batches.length === 0)}
        <div ref={batchAcc} data-testid="batch-accuracy-chart" />
      </figure>
      <figure className="chart">
        <figcaption>Loss per epoch (train vs validation)</figcaption>
        {placeholder('Appears after the first epoch.', epochHistory.length === 0)}
        <div ref={epochLoss} data-testid="epoch-loss-chart" />
      </figure>
      <figure className="chart">
        <figcaption>Accuracy per epoch (train vs validation)</figcaption>
        {placeholder('Appears after the first epoch.', epochHistory.length === 0)}
        <div ref={epochAcc} data-testid="epoch-accuracy-chart" />
      </figure>
    </div>
  );
}
