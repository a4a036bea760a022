/**
 * The model summary through tfjs-vis: components hand it a container element and a model.
 * Line charts are in ./lineChart (vega-embed): tfjs-vis 1.5.1's linechart ignores x and
 * plots by array index.
 */
import type * as tf from '@tensorflow/tfjs';
import * as tfvis from '@tensorflow/tfjs-vis';

export async function renderModelSummary(container: HTMLElement, model: tf.LayersModel): Promise<void> {
  container.replaceChildren();
  await tfvis.show.modelSummary(container, model);
}
