/**
 * The usual tutorial setup, kept as the benchmark's baseline: model.fit with tfjs-vis
 * fitCallbacks drawing loss/accuracy after every batch.
 */
import * as tf from '@tensorflow/tfjs';
import * as tfvis from '@tensorflow/tfjs-vis';

/**
 * Trains `model` for one epoch on xs [n,28,28,1] / ys [n,10] the tutorial way; returns
 * the wall-clock time of every batch end (ms, performance.now()).
 */
export async function fitLikeTheTutorials(model: tf.LayersModel, xs: tf.Tensor4D, ys: tf.Tensor2D, batchSize: number): Promise<number[]> {
  const batchEnds: number[] = [];
  // As in the tutorials: charts in a tfjs-vis visor surface.
  const surface = { name: 'Model training', tab: 'Baseline' };
  const visCallbacks = tfvis.show.fitCallbacks(surface, ['loss', 'acc'], { callbacks: ['onBatchEnd', 'onEpochEnd'] });
  await model.fit(xs, ys, {
    batchSize,
    epochs: 1,
    shuffle: true,
    callbacks: [
      visCallbacks,
      new tf.CustomCallback({
        onBatchEnd: async () => {
          batchEnds.push(performance.now());
        },
      }),
    ],
  });
  return batchEnds;
}
