import { useRef } from 'react';
import { renderLineChart } from '../vis/tfvisAdapter';
import { usePlayground } from '../state/usePlayground';
import { useThrottledRender } from './useThrottledRender';

/** Live curves: per-batch loss and accuracy, per-epoch train vs validation. */
export function TrainingCharts() {
  const { training } = usePlayground();
  const batchLoss = useRef<HTMLDivElement>(null);
  const batchAcc = useRef<HTMLDivElement>(null);
  const epochLoss = useRef<HTMLDivElement>(null);
  const epochAcc = useRef<HTMLDivElement>(null);
  const { batches, epochHistory } = training;

  useThrottledRender(() => {
    if (batchLoss.current && batches.length) {
      void renderLineChart(batchLoss.current, [{ name: 'loss', points: batches.map((b) => ({ x: b.step, y: b.loss })) }], { xLabel: 'Batch', yLabel: 'Loss' });
    }
    if (batchAcc.current && batches.length) {
      void renderLineChart(batchAcc.current, [{ name: 'accuracy', points: batches.map((b) => ({ x: b.step, y: b.accuracy })) }], {
        xLabel: 'Batch',
        yLabel: 'Accuracy',
        yDomain: [0, 1],
      });
    }
  }, [batches]);

  useThrottledRender(() => {
    if (!epochHistory.length) return;
    const point = (y: number | null, epoch: number) => (y === null ? [] : [{ x: epoch + 1, y }]);
    if (epochLoss.current) {
      void renderLineChart(
        epochLoss.current,
        [
          { name: 'train', points: epochHistory.map((e) => ({ x: e.epoch + 1, y: e.loss })) },
          { name: 'validation', points: epochHistory.flatMap((e) => point(e.valLoss, e.epoch)) },
        ],
        { xLabel: 'Epoch', yLabel: 'Loss' },
      );
    }
    if (epochAcc.current) {
      void renderLineChart(
        epochAcc.current,
        [
          { name: 'train', points: epochHistory.map((e) => ({ x: e.epoch + 1, y: e.accuracy })) },
          { name: 'validation', points: epochHistory.flatMap((e) => point(e.valAccuracy, e.epoch)) },
        ],
        { xLabel: 'Epoch', yLabel: 'Accuracy' },
      );
    }
  }, [epochHistory], 200);

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
