import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel, listProblems, windowOutputLength } from './analyze';
import { buildModel } from './build';
import { PRESETS } from './presets';
import { OUTPUT_LAYER, SIMPLE_CNN, type LayerSpec } from './spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A layer's weights counted the way tfjs counts them (trainable and not). */
const layerParams = (layer: tf.layers.Layer) => layer.weights.reduce((sum, w) => sum + w.shape.reduce((a, b) => a! * b!, 1)!, 0);

describe('shapes and parameter counts match tfjs', () => {
  it.each(PRESETS.map((p) => [p.name, p] as const))('%s', (_name, preset) => {
    const analysis = analyzeModel(preset.spec);
    expect(analysis.valid).toBe(true);
    const model = buildModel(preset.spec);
    expect(analysis.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    expect(analysis.layers.map((l) => [null, ...l.outputShape!])).toEqual(model.layers.map((l) => l.outputShape));
    expect(analysis.layers.map((l) => l.params)).toEqual(model.layers.map(layerParams));
    expect(analysis.totalParams).toBe(model.countParams());
    model.dispose();
  });

  it('also for strides, same padding, average and global pooling', () => {
    const layers: LayerSpec[] = [
      { type: 'conv2d', filters: 6, kernelSize: 5, strides: 2, padding: 'same', activation: 'tanh' },
      { type: 'avgPool2d', poolSize: 3, strides: 2, padding: 'same' },
      { type: 'conv2d', filters: 5, kernelSize: 2, strides: 3, padding: 'valid', activation: 'elu' },
      { type: 'batchNorm' },
      { type: 'globalAvgPool2d' },
      { type: 'dense', units: 7, activation: 'sigmoid' },
      { type: 'batchNorm' },
      OUTPUT_LAYER,
    ];
    const analysis = analyzeModel({ layers });
    const model = buildModel({ layers });
    expect(analysis.layers.map((l) => [null, ...l.outputShape!])).toEqual(model.layers.map((l) => l.outputShape));
    expect(analysis.totalParams).toBe(model.countParams());
    model.dispose();
  });

  it('uses tfjs conv arithmetic', () => {
    expect(windowOutputLength(28, 3, 1, 'valid')).toBe(26);
    expect(windowOutputLength(7, 2, 2, 'valid')).toBe(3);
    expect(windowOutputLength(7, 2, 2, 'same')).toBe(4);
    expect(windowOutputLength(2, 3, 1, 'valid')).toBe(0);
  });

  it('gives the Keras numbers for the simple CNN', () => {
    const a = analyzeModel(SIMPLE_CNN);
    expect(a.layers.map((l) => l.params)).toEqual([320, 0, 18_496, 0, 0, 204_928, 1_290]);
    expect(a.totalParams).toBe(225_034);
  });
});

/** The simple CNN with layer `index` replaced (or inserted before it). */
function withLayer(index: number, layer: LayerSpec, insert = false): LayerSpec[] {
  const layers = [...SIMPLE_CNN.layers];
  layers.splice(index, insert ? 0 : 1, layer);
  return layers;
}

function problemAt(layers: LayerSpec[], index: number) {
  const analysis = analyzeModel({ layers });
  expect(analysis.valid).toBe(false);
  expect(analysis.totalParams).toBeNull();
  // Only the layer at fault is blamed; the layers before it still have shapes.
  analysis.layers.forEach((l, i) => {
    if (i !== index) expect(l.problems).toEqual([]);
  });
  analysis.layers.slice(0, index).forEach((l) => expect(l.outputShape).not.toBeNull());
  expect(() => buildModel({ layers })).toThrow(/cannot be built/);
  return analysis.layers[index].problems;
}

describe('impossible settings are explained at the layer that causes them', () => {
  it('spatial size shrinking below 1 (kernel, pool, stride)', () => {
    // 28 → 26 → 13 → 11 → 5; a 7×7 kernel on 5×5 cannot fit.
    const [p] = problemAt(withLayer(4, { type: 'conv2d', filters: 8, kernelSize: 7, strides: 1, padding: 'valid', activation: 'relu' }, true), 4);
    expect(p.message).toMatch(/5×5 input is smaller than the 7×7 kernel, so the output would be 0×0/);
    const [q] = problemAt(withLayer(4, { type: 'maxPool2d', poolSize: 6, strides: 6, padding: 'valid' }, true), 4);
    expect(q.message).toMatch(/smaller than the 6×6 pooling window/);
    // Repeated pooling: 5 → 2 → 1 → 0.
    const pools = [2, 2, 2].map(() => ({ type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' }) as LayerSpec);
    const layers = [...SIMPLE_CNN.layers.slice(0, 4), ...pools, ...SIMPLE_CNN.layers.slice(4)];
    expect(problemAt(layers, 6)[0].message).toMatch(/1×1 input is smaller than the 2×2 pooling window/);
  });

  it('zero filters, zero units, bad kernel, stride and pool sizes', () => {
    const conv = SIMPLE_CNN.layers[0] as Extract<LayerSpec, { type: 'conv2d' }>;
    expect(problemAt(withLayer(0, { ...conv, filters: 0 }), 0)).toEqual([{ field: 'filters', message: 'A convolution needs at least 1 filter.' }]);
    expect(problemAt(withLayer(0, { ...conv, filters: 2.5 }), 0)[0].message).toBe('Filters must be a whole number.');
    expect(problemAt(withLayer(0, { ...conv, kernelSize: 0 }), 0)[0]).toMatchObject({ field: 'kernelSize' });
    expect(problemAt(withLayer(0, { ...conv, strides: NaN }), 0)[0]).toEqual({ field: 'strides', message: 'Stride must be a number.' });
    expect(problemAt(withLayer(1, { type: 'maxPool2d', poolSize: 0, strides: 2, padding: 'valid' }), 1)[0]).toMatchObject({ field: 'poolSize' });
    expect(problemAt(withLayer(5, { type: 'dense', units: 0, activation: 'relu' }), 5)).toEqual([
      { field: 'units', message: 'A dense layer needs at least 1 unit.' },
    ]);
  });

  it('dropout outside [0, 1)', () => {
    for (const rate of [1, 1.5, -0.1]) {
      const [p] = problemAt(withLayer(5, { type: 'dropout', rate }, true), 5);
      expect(p.field).toBe('rate');
      expect(p.message).toMatch(rate < 0 ? /at least 0/ : /below 1/);
    }
    expect(analyzeModel({ layers: withLayer(5, { type: 'dropout', rate: 0 }, true) }).valid).toBe(true);
  });

  it('layers in an order that cannot work', () => {
    expect(problemAt(withLayer(4, { type: 'dense', units: 8, activation: 'relu' }, true), 4)[0].message).toMatch(
      /Dense needs a flat input, but gets 5×5×64\. Add Flatten/,
    );
    expect(problemAt(withLayer(5, { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' }, true), 5)[0].message).toMatch(
      /needs an image-shaped input .* flat vector of 1,600 values/,
    );
    expect(problemAt(withLayer(5, { type: 'flatten' }, true), 5)[0].message).toMatch(/already flat/);
    expect(problemAt(withLayer(5, { type: 'globalAvgPool2d' }, true), 5)[0].message).toMatch(/image-shaped/);
  });

  it('the output layer and the size of the network', () => {
    const noOutput = analyzeModel({ layers: SIMPLE_CNN.layers.slice(0, -1) });
    expect(noOutput.valid).toBe(false);
    expect(noOutput.modelProblems).toEqual(['The last layer must be Dense with 10 units and softmax: one probability per clothing class.']);
    expect(analyzeModel({ layers: [] }).modelProblems[0]).toMatch(/no layers/);
    const many = Array.from({ length: 40 }, () => ({ type: 'batchNorm' }) as LayerSpec);
    expect(analyzeModel({ layers: [...many, { type: 'flatten' }, OUTPUT_LAYER] }).modelProblems[0]).toMatch(/At most 40 layers/);
    expect(analyzeModel({ layers: [{ type: 'flatten' }, OUTPUT_LAYER] })).toMatchObject({ valid: true, totalParams: 7850 });
  });

  it('warns about a very large network without blocking it', () => {
    const layers = withLayer(5, { type: 'dense', units: 4096, activation: 'relu' });
    const a = analyzeModel({ layers });
    expect(a.valid).toBe(true);
    expect(a.warnings[0]).toMatch(/6,\d{3},\d{3} parameters: this network will train slowly/);
  });

  it('lists every problem on its own line', () => {
    const layers = withLayer(0, { type: 'dropout', rate: 1 });
    expect(listProblems(analyzeModel({ layers }))[0]).toMatch(/^Layer 1 \(dropout_1\): Dropout rate must be below 1/);
  });
});
