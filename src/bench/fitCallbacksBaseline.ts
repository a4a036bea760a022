/**
 * The usual tutorial setup, kept as the benchmark's baseline: model.fit, redrawing the
 * loss and accuracy charts with tfjs-vis after every batch and epoch.
 *
 * Tutorials use tfvis.show.fitCallbacks for that. In headless Chromium 156 on this
 * project's CI machine, fitCallbacks' visor/sub-surface rendering stalls or crashes the
 * page during model.fit, so the same work (one tfjs-vis line chart per metric, redrawn
 * on every callback, awaiting a frame like fitCallbacks does) is done here directly.
 */
import * as tf from '@tensorflow/tfjs';
import * as tfvis from '@tensorflow/tfjs-vis';

type Point = { x: number; y: number };

/**
 * Trains `model` for one epoch on xs [n,28,28,1] / ys [n,10] the tutorial way; returns
 * the wall-clock time of every batch end (ms, performance.now()).
 */
export async function fitLikeTheTutorials(model: tf.LayersModel, xs: tf.Tensor4D, ys: tf.Tensor2D, batchSize: number, container: HTMLElement): Promise<number[]> {
  const batchEnds: number[] = [];
  const loss: Point[] = [];
  const acc: Point[] = [];
  const lossChart = document.createElement('div');
  const accChart = document.createElement('div');
  container.append(lossChart, accChart);
  const draw = async (logs: tf.Logs | undefined) => {
    loss.push({ x: loss.length, y: logs?.loss ?? NaN });
    acc.push({ x: acc.length, y: logs?.acc ?? NaN });
    await tfvis.render.linechart(lossChart, { values: loss, series: ['loss'] }, { xLabel: 'Batch', yLabel: 'Loss' });
    await tfvis.render.linechart(accChart, { values: acc, series: ['acc'] }, { xLabel: 'Batch', yLabel: 'Accuracy' });
    await tf.nextFrame();
  };
  await model.fit(xs, ys, {
    batchSize,
    epochs: 1,
    shuffle: true,
    callbacks: new tf.CustomCallback({
      onBatchEnd: async (_batch, logs) => {
        await draw(logs);
        batchEnds.push(performance.now());
      },
    }),
  });
  return batchEnds;
}
