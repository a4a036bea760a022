/**
 * The benchmark's baseline as its own page, like the usual tutorials: plain tfjs +
 * tfjs-vis, no app around it. Same model, same data (the first training sheet), same
 * backend setup as the app.
 */
import * as tf from '@tensorflow/tfjs';
import { activateBackend } from '../ml/backends/activateBackend';
import { parseUrlState } from '../address/urlState';
import { imagesTensor, labelsTensor, range } from '../ml/data/batches';
import { fetchVerified } from '../ml/data/fetchWithProgress';
import { fetchManifest, pureSheetDecoder } from '../ml/data/loader';
import { buildModel } from '../ml/model/build';
import { SIMPLE_CNN } from '../ml/model/spec';
import { prepareWasm } from '../platform/wasmBackend';
import { prepareWebGpu } from '../platform/webgpuBackend';
import { fitLikeTheTutorials } from './fitCallbacksBaseline';
import { intervals, median } from './stats';

async function measure(options: { examples: number; batchSize: number; warmupBatches: number }) {
  // This page is bench/baseline.html: the data is one folder up, wherever the app is served.
  const baseUrl = new URL('../data/', window.location.href).href;
  const fetchOptions = { baseUrl, fetch: (url: string, init?: { signal?: AbortSignal }) => window.fetch(url, init), decoders: [pureSheetDecoder] };
  const manifest = await fetchManifest(fetchOptions);
  const sheet = manifest.splits.train.sheets[0];
  const images = await pureSheetDecoder.decode(await fetchVerified(fetchOptions.fetch, baseUrl, sheet, () => {}), sheet);
  const labels = await fetchVerified(fetchOptions.fetch, baseUrl, manifest.splits.train.labels, () => {});
  const indices = range(0, options.examples);
  const xs = imagesTensor(images, indices, 'unit');
  const ys = labelsTensor(labels, indices);
  console.info('[bench] baseline: data ready, fitting');
  const model = buildModel(SIMPLE_CNN);
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['acc'] });
  try {
    const container = document.createElement('div');
    document.body.append(container);
    const batchEnds = await fitLikeTheTutorials(model, xs, ys, options.batchSize, container);
    const steady = intervals(batchEnds).slice(options.warmupBatches);
    return { backend: tf.getBackend(), examplesPerSec: options.batchSize / (median(steady) / 1000) };
  } finally {
    tf.dispose([xs, ys]);
    model.dispose();
  }
}

const { config } = parseUrlState(window.location.search);
const ready = activateBackend(config.backend, { prepareWasm, prepareWebGpu }).then((s) => s.active);
(window as unknown as { baselineBench: unknown }).baselineBench = { ready: () => ready, measure };
