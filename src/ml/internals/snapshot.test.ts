import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../model/build';
import { SIMPLE_CNN } from '../model/spec';
import { loadRealSubset } from '../../test-support/realData';
import { argMax } from './activations';
import { computeInternals, pixelsToInput } from './snapshot';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('computeInternals (one full internals update)', () => {
  it('returns activations, the predicted class heat map and the filters, and disposes everything', async () => {
    const model = buildModel(SIMPLE_CNN);
    const { images } = loadRealSubset('test', 2);
    const pixels = images.subarray(784, 1568);
    const request = { pixels, attentionClass: null, attentionMethod: 'grad-cam' as const, filterLayers: ['conv2d_1'] };
    await computeInternals(model, request, 'unit'); // warm-up
    const before = tf.memory().numTensors;
    const snapshot = await computeInternals(model, request, 'unit');
    expect(tf.memory().numTensors).toBe(before);
    expect(snapshot.activations.layers).toHaveLength(7);
    expect(snapshot.predicted).toBe(argMax(snapshot.activations.layers[6].values));
    expect(snapshot.attention.classIndex).toBe(snapshot.predicted);
    expect(snapshot.filters.map((f) => f.layerName)).toEqual(['conv2d_1']);
    expect(snapshot.millis).toBeGreaterThan(0);

    const chosen = await computeInternals(model, { ...request, attentionClass: 4, attentionMethod: 'saliency', filterLayers: [] }, 'unit');
    expect(chosen.attention).toMatchObject({ classIndex: 4, method: 'saliency' });
    expect(chosen.filters).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('falls back to gradient saliency when the network has no convolution for Grad-CAM', async () => {
    const model = buildModel({ layers: [{ type: 'flatten' }, { type: 'dense', units: 16, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }] });
    const snapshot = await computeInternals(model, { pixels: new Uint8Array(784).fill(100), attentionClass: 2, attentionMethod: 'grad-cam', filterLayers: [] }, 'unit');
    expect(snapshot.attention).toMatchObject({ method: 'saliency', classIndex: 2, coarse: null });
    expect(snapshot.activations.layers.map((l) => l.layer.kind)).toEqual(['flatten', 'dense', 'dense']);
    model.dispose();
  });

  it('normalises bytes to [0, 1] and rejects an image of the wrong size', () => {
    const model = buildModel(SIMPLE_CNN);
    const input = pixelsToInput(model, Uint8Array.from({ length: 784 }, (_, i) => (i === 5 ? 255 : i === 6 ? 51 : 0)), 'unit');
    const values = input.dataSync();
    expect([values[5], values[6], values[7]]).toEqual([1, 0.2, 0].map((v) => Math.fround(v)));
    input.dispose();
    expect(() => pixelsToInput(model, new Uint8Array(100), 'unit')).toThrow(/expected 784 pixel bytes \(28×28×1\), got 100/);
    model.dispose();
  });
});
