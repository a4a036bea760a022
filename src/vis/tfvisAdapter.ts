/**
 * The model summary through tfjs-vis (an HTML table, no vega, so no eval): components hand
 * it a container element and a model. Every vega chart is drawn by ./embedChart instead,
 * because tfjs-vis embeds its charts without vega's CSP-safe expression interpreter.
 */
import type * as tf from '@tensorflow/tfjs';
import * as tfvis from '@tensorflow/tfjs-vis';

export async function renderModelSummary(container: HTMLElement, model: tf.LayersModel): Promise<void> {
  container.replaceChildren();
  await tfvis.show.modelSummary(container, model);
}
