import { useEffect, useRef, useState } from 'react';
import type { EpochEvent, LearningRateChange } from '../ml/training/trainer';
import type { BatchPoint } from '../state/types';
import { disposeLineChart, PROJECTOR_FONT_SIZE, renderLineChart, type Marker, type Series } from '../vis/lineChart';
import { useAppSelector } from '../state/hooks';
import { selectPlannedEpochs } from '../state/selectors';
import { partialEpochText } from '../state/runStatus';
import { smoothed } from './smoothing';
import { useThrottledRender } from './useThrottledRender';

/**
 * One batch curve: the raw values faint, the smoothed trend over them, and each epoch's
 * validation value as a dot where that epoch ended (so after one epoch the comparison is
 * already on the chart people are watching).
 */
function batchCurves(name: string, batches: readonly BatchPoint[], y: (b: BatchPoint) => number, history: readonly EpochEvent[], validation: (e: EpochEvent) => number | null): Series[] {
  const values = batches.map(y);
  const trend = smoothed(values);
  const endStep = new Map<number, number>();
  for (const b of batches) endStep.set(b.epoch, b.step);
  return [
    { name: `${name} (each batch)`, group: name, faint: true, points: batches.map((b, i) => ({ x: b.step, y: values[i] })) },
    { name: `${name} (smoothed)`, group: name, points: batches.map((b, i) => ({ x: b.step, y: trend[i] })) },
    {
      name: 'validation',
      dotsOnly: true,
      points: history.flatMap((e) => {
        const v = validation(e);
        const x = endStep.get(e.epoch);
        return v === null || x === undefined ? [] : [{ x, y: v }];
      }),
    },
  ];
}

/**
 * Train vs validation (when the run holds some out); x is the epoch as people count it, from 1
 * (`epoch` is 0-based). Both series are named from the start, so the first epoch only adds rows.
 */
function epochCurves(history: readonly EpochEvent[], train: (e: EpochEvent) => number, validation: (e: EpochEvent) => number | null, withValidation: boolean): Series[] {
  const trainSeries = { name: 'train', points: history.map((e) => ({ x: e.epoch + 1, y: train(e) })) };
  if (!withValidation) return [trainSeries];
  return [
    trainSeries,
    {
      name: 'validation',
      points: history.flatMap((e) => {
        const y = validation(e);
        return y === null ? [] : [{ x: e.epoch + 1, y }];
      }),
    },
  ];
}

const BATCH_CURVE_POINTS = 200;

/** Each change is drawn where it took effect: at the first batch trained with the new rate. */
const rateMarkers = (changes: readonly LearningRateChange[]): Marker[] => changes.map((c) => ({ x: c.step, label: `learning rate ${c.from} → ${c.to}` }));

const num = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '–' : v.toFixed(digits));

/** What a screen reader hears for the batch curves: the latest values, and the first for comparison. */
function batchSummary(batches: readonly BatchPoint[], pick: (b: BatchPoint) => number, name: string): string {
  if (batches.length === 0) return `No ${name} yet: it is drawn from the first batch of a run.`;
  const first = batches[0];
  const last = batches[batches.length - 1];
  return `${name} at batch ${last.step}: ${num(pick(last))} (batch ${first.step}: ${num(pick(first))}).`;
}

function epochSummary(history: readonly EpochEvent[], train: (e: EpochEvent) => number, validation: (e: EpochEvent) => number | null, name: string): string {
  const last = history[history.length - 1];
  if (!last) return `No ${name} per epoch yet: it is drawn after the first epoch.`;
  const val = validation(last);
  return `${name} after epoch ${last.epoch + 1}: train ${num(train(last))}${val === null ? '' : `, validation ${num(val)}`}.`;
}

/** "Epoch 1 trained on 15,000 of 54,000 images (the rest were still loading)." for each such epoch. */
function partialEpochNotes(history: readonly EpochEvent[]): string[] {
  return history.flatMap((e) => {
    const partial = partialEpochText(e.trainExamples, e.plannedTrainExamples);
    return partial ? [`Epoch ${e.epoch + 1} trained on ${partial}.`] : [];
  });
}

/** Live curves: per-batch loss and accuracy, per-epoch train vs validation, each with a text summary. */
export function TrainingCharts() {
  const training = useAppSelector((s) => s.training);
  const fontSize = useAppSelector((s) => (s.ui.instructor ? PROJECTOR_FONT_SIZE : undefined));
  const withValidation = useAppSelector((s) => s.config.validationSplit > 0 || s.training.epochHistory.some((e) => e.valLoss !== null));
  const plannedEpochs = useAppSelector(selectPlannedEpochs);
  const [logLoss, setLogLoss] = useState(false);
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

  // The charts are embedded while they are still empty (and hidden), before a run starts:
  // compiling a chart takes 100–300 ms of the page's time, which would otherwise land on the
  // first batches. After that, new points (or none, after a reset) only swap rows.
  const live = { keepEmptyFrame: true, integerX: true, fontSize } as const;
  // 200 points per batch curve are more than a chart's width shows at once, and half the rows of
  // the default 400: vega's per-row work on each redraw (once a second) halves with them.
  const batchChart = { ...live, maxPoints: BATCH_CURVE_POINTS } as const;
  // The whole run's epochs from the start: one point after epoch 1 already sits where the run is going.
  const epochAxis = [1, Math.max(2, plannedEpochs)] as const;
  useThrottledRender(() => {
    const markers = rateMarkers(learningRateChanges);
    if (batchLoss.current) {
      void renderLineChart(batchLoss.current, batchCurves('loss', batches, (b) => b.loss, epochHistory, (e) => e.valLoss), {
        xLabel: 'Batch',
        yLabel: logLoss ? 'Loss (log scale)' : 'Loss',
        logY: logLoss,
        markers,
        ...batchChart,
      });
    }
    if (batchAcc.current) {
      void renderLineChart(batchAcc.current, batchCurves('accuracy', batches, (b) => b.accuracy, epochHistory, (e) => e.valAccuracy), {
        xLabel: 'Batch',
        yLabel: 'Accuracy',
        yDomain: [0, 1],
        markers,
        ...batchChart,
      });
    }
  }, [batches, epochHistory, learningRateChanges, fontSize, logLoss]);

  useThrottledRender(
    () => {
      if (epochLoss.current) {
        void renderLineChart(epochLoss.current, epochCurves(epochHistory, (e) => e.loss, (e) => e.valLoss, withValidation), { xLabel: 'Epoch', yLabel: 'Loss', xDomain: epochAxis, ...live });
      }
      if (epochAcc.current) {
        void renderLineChart(epochAcc.current, epochCurves(epochHistory, (e) => e.accuracy, (e) => e.valAccuracy, withValidation), {
          xLabel: 'Epoch',
          yLabel: 'Accuracy',
          yDomain: [0, 1],
          xDomain: epochAxis,
          ...live,
        });
      }
    },
    [epochHistory, fontSize, withValidation, epochAxis[1]],
    200,
  );

  // An empty chart keeps its place (the page does not jump when the first points come) but is not shown.
  const plotClass = (empty: boolean) => (empty ? 'chart__plot chart__plot--empty' : 'chart__plot');
  const placeholder = (text: string, show: boolean) => (show ? <p className="chart__empty muted">{text}</p> : null);
  // The curves' text alternative: read by screen readers, not shown (the placeholders say it when empty).
  const summary = (text: string) => <p className="visually-hidden">{text}</p>;
  const help = (text: string) => <p className="chart__help">{text}</p>;
  const started = batches.length > 0;
  return (
    <div className="charts">
      <figure className="chart">
        <figcaption>
          Loss per batch
          <label className="chart__toggle">
            <input type="checkbox" checked={logLoss} onChange={(e) => setLogLoss(e.target.checked)} /> log scale
          </label>
        </figcaption>
        {help('How wrong the network is on each batch of images (lower is better). It starts near 2.3, a guess among 10 classes, and should fall; the bold line is the smoothed trend, the faint one each batch.')}
        {placeholder('Press Train: the curve starts here after the first batch.', !started)}
        {summary(batchSummary(batches, (b) => b.loss, 'Loss'))}
        <div ref={batchLoss} data-testid="batch-loss-chart" aria-hidden="true" className={plotClass(!started)} />
      </figure>
      <figure className="chart">
        <figcaption>Accuracy per batch</figcaption>
        {help('The share of each batch the network got right. Guessing scores 10%; the dots are the validation accuracy (images held out from training) at the end of each epoch.')}
        {placeholder('Press Train: the curve starts here at about 10% and climbs as the network learns.', !started)}
        {summary(batchSummary(batches, (b) => b.accuracy, 'Accuracy'))}
        <div ref={batchAcc} data-testid="batch-accuracy-chart" aria-hidden="true" className={plotClass(!started)} />
      </figure>
      <figure className="chart">
        <figcaption>Loss per epoch (train vs validation)</figcaption>
        {help(
          'One point per epoch (a full pass over the training images). Early on validation can beat training: the training loss is averaged over an epoch while the network was still learning (and with dropout on), validation is measured at its end.',
        )}
        {placeholder(`Drawn after each epoch: the first point after epoch 1 of ${plannedEpochs}.`, epochHistory.length === 0)}
        {summary(epochSummary(epochHistory, (e) => e.loss, (e) => e.valLoss, 'Loss'))}
        <div ref={epochLoss} data-testid="epoch-loss-chart" aria-hidden="true" className={plotClass(epochHistory.length === 0)} />
        {partialEpochNotes(epochHistory).map((note) => (
          <p key={note} className="chart__note">
            {note}
          </p>
        ))}
      </figure>
      <figure className="chart">
        <figcaption>Accuracy per epoch (train vs validation)</figcaption>
        {help('If training keeps rising while validation stalls or falls, the network is memorising the training images (overfitting).')}
        {placeholder(`Drawn after each epoch: the first point after epoch 1 of ${plannedEpochs}.`, epochHistory.length === 0)}
        {summary(epochSummary(epochHistory, (e) => e.accuracy, (e) => e.valAccuracy, 'Accuracy'))}
        <div ref={epochAcc} data-testid="epoch-accuracy-chart" aria-hidden="true" className={plotClass(epochHistory.length === 0)} />
      </figure>
    </div>
  );
}
