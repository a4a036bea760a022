import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { CONV_RELU_FILTER_GRAD } from '../backends/wasm/convReluFilterGrad';
import { RELU_GRAD } from '../backends/wasm/reluGrad';
import { expectClose, randomArray, runOn, switchBackend, withAndWithoutSimd } from '../backends/wasm/testUtils';
import { buildModel } from './build';
import { CONV_BIAS_RELU, convBiasRelu, type ConvBiasReluAttrs } from './convBiasRelu';
import { SIMPLE_CNN } from './spec';

type Case = { x: number[]; filter: number[]; attrs: ConvBiasReluAttrs };
const CASES: Case[] = [
  { x: [2, 7, 7, 3], filter: [3, 3, 3, 4], attrs: { strides: [1, 1], pad: 'valid' } },
  { x: [2, 6, 6, 2], filter: [3, 3, 2, 5], attrs: { strides: [1, 1], pad: 'same' } },
  { x: [1, 9, 9, 1], filter: [3, 3, 1, 8], attrs: { strides: [2, 2], pad: 'same' } },
  // First layers: on wasm with SIMD, filter and bias gradients from one kernel.
  { x: [2, 8, 8, 1], filter: [3, 3, 1, 8], attrs: { strides: [1, 1], pad: 'valid' } },
  { x: [3, 6, 5, 1], filter: [3, 3, 1, 4], attrs: { strides: [1, 1], pad: 'same' } },
];

/** [y, dx, dFilter, dBias] of sum(w · layer(x)), flattened into one array. */
function forwardAndGradients(c: Case, fused: boolean): tf.Tensor {
  const x = tf.tensor4d(randomArray(c.x, 1), c.x as [number, number, number, number]);
  // Shifted so that some outputs are negative before the ReLU and some positive.
  const filter = tf.tensor4d(randomArray(c.filter, 2), c.filter as [number, number, number, number]);
  const bias = tf.tensor1d(randomArray([c.filter[3]], 3)).mul(0.5) as tf.Tensor1D;
  const layer = (xs: tf.Tensor4D, f: tf.Tensor4D, b: tf.Tensor1D) =>
    fused ? convBiasRelu(xs, f, b, c.attrs) : tf.relu(tf.add(tf.conv2d(xs, f, c.attrs.strides, c.attrs.pad), b));
  const y = layer(x, filter, bias);
  const w = tf.tensor(randomArray(y.shape, 4), y.shape);
  const grads = tf.grads((xs: tf.Tensor, f: tf.Tensor, b: tf.Tensor) => layer(xs as tf.Tensor4D, f as tf.Tensor4D, b as tf.Tensor1D).mul(w).sum())([x, filter, bias]);
  return tf.concat([y, ...grads].map((t) => t.flatten()));
}

describe('convBiasRelu: convolution, bias and ReLU as one kernel', () => {
  it.each(CASES)('matches relu(conv2d + bias) and its gradients on cpu and wasm: %j', async (c) => {
    const ref = await runOn('cpu', () => forwardAndGradients(c, false));
    expect(ref.some((v) => v === 0)).toBe(true); // the ReLU cut something
    expectClose(await runOn('cpu', () => forwardAndGradients(c, true)), ref, 1e-5, 'cpu');
    await withAndWithoutSimd(async (path) => {
      expectClose(await runOn('wasm', () => forwardAndGradients(c, true)), ref, 1e-4, `wasm ${path}`);
    });
  });

  type KernelCase = { title: string; filterShape: [number, number, number, number]; expected: string[]; absent: string[]; sums: number };
  const kernelCases: KernelCase[] = [
    {
      title: 'a first layer on wasm: filter and bias gradients from one kernel that masks as it reads',
      filterShape: [3, 3, 1, 4],
      expected: [CONV_RELU_FILTER_GRAD],
      absent: ['Conv2DBackpropFilter', RELU_GRAD],
      sums: 1,
    },
    {
      title: 'a later layer: the masked dy once, then the filter gradient and a sum',
      filterShape: [3, 3, 2, 4],
      expected: [RELU_GRAD, 'Conv2DBackpropFilter'],
      absent: [CONV_RELU_FILTER_GRAD],
      sums: 2,
    },
  ];
  it.each(kernelCases)('$title; no input gradient unless asked for', async ({ filterShape, expected, absent, sums }) => {
    await switchBackend('wasm');
    const x = tf.randomNormal([2, 8, 8, filterShape[2]]) as tf.Tensor4D;
    const filter = tf.variable(tf.randomNormal(filterShape)) as tf.Variable<tf.Rank.R4>;
    const bias = tf.variable(tf.zeros([4])) as tf.Variable<tf.Rank.R1>;
    const before = tf.memory().numTensors;
    const profile = await tf.profile(() => {
      const { value, grads } = tf.variableGrads(() => convBiasRelu(x, filter, bias, { strides: [1, 1], pad: 'valid' }).sum() as tf.Scalar, [filter, bias]);
      tf.dispose([value, ...Object.values(grads)]);
      return [] as tf.Tensor[];
    });
    const names = profile.kernels.map((k) => k.name);
    for (const name of [CONV_BIAS_RELU, ...expected]) expect(names).toContain(name);
    for (const name of ['Conv2DBackpropInput', 'Relu', ...absent]) expect(names).not.toContain(name);
    // The objective's own sum, and the bias gradient's unless fused.
    expect(names.filter((name) => name === 'Sum')).toHaveLength(sums);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, filter, bias]);
  });

  it("is what a built model's ReLU convolutions run, with the same output as the plain layers", async () => {
    await switchBackend('cpu');
    const fused = buildModel(SIMPLE_CNN, { seed: 3 });
    const plain = buildModel(SIMPLE_CNN, { seed: 3 });
    // Without the instance's own call, the layer runs tfjs-layers' Conv2D.call.
    for (const layer of plain.layers) delete (layer as { call?: unknown }).call;
    const x = tf.randomUniform([4, 28, 28, 1]);
    const profile = await tf.profile(() => fused.predict(x) as tf.Tensor);
    expect(profile.kernels.filter((k) => k.name === CONV_BIAS_RELU)).toHaveLength(2);
    const expected = plain.predict(x) as tf.Tensor;
    expectClose((profile.result as tf.Tensor).dataSync(), expected.dataSync(), 1e-5);
    // Saved as plain Conv2D layers: a saved model needs nothing of this module to load.
    expect(fused.layers.filter((l) => l.getClassName() === 'Conv2D')).toHaveLength(2);
    tf.dispose([x, expected, profile.result as tf.Tensor]);
    fused.dispose();
    plain.dispose();
  });
});
