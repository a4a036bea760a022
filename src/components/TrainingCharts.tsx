import { useRef } from 'react';
import { learningRateByStep } from '../ml/training/learningRate';
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
  const { batches, epochHistory, learningRateChanges } = training;
  // Learning-rate changes during the run: the rate as a step line scaled onto the chart
  // (tfjs-vis line charts have one y axis and no annotations).
  const markers = (low: number, high: number) => {
    const rates = learningRateByStep(batches.map((b) => b.step), learningRateChanges);
    if (rates.length === 0) return [];
    const max = Math.max(...rates);
    // No "." in the name: tfjs-vis uses series names as Vega field names, where a dot nests.
    return [{ name: 'learning rate (scaled)', points: batches.map((b, i) => ({ x: b.step, y: low + ((high - low) * rates[i]) / max })) }];
  };

  useThrottledRender(() => {
    if (batchLoss.current && batches.length) {
      const losses = batches.map((b) => b.loss);
      void renderLineChart(
        batchLoss.current,
        [{ name: 'loss', points: batches.map((b) => ({ x: b.step, y: b.loss })) }, ...markers(Math.min(...losses), Math.max(...losses))],
        { xLabel: 'Batch', yLabel: 'Loss' },
      );
    }
    if (batchAcc.current && batches.length) {
      void renderLineChart(batchAcc.current, [{ name: 'accuracy', points: batches.map((b) => ({ x: b.step, y: b.accuracy })) }, ...markers(0, 1)], {
        xLabel: 'Batch',
        yLabel: 'Accuracy',
        yDomain: [0, 1],
      });
    }
  }, [batches, learningRateChanges]);

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
