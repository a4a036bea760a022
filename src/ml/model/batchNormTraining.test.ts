import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectClose, randomArray, switchBackend, wasmBackend, withAndWithoutSimd } from '../backends/wasm/testUtils';
import { fuseBatchNormTraining } from './batchNormTraining';

/**
 * One training-mode pass of a BatchNormalization layer (fused where it applies) on x, weighted by
 * w: the loss's gradients for x, gamma and beta, the output, and the moving statistics after it.
 */
function trainingPass(xShape: number[], seed: number) {
  const channels = xShape[xShape.length - 1];
  const xv = randomArray(xShape, seed).map((v, i) => v * (1 + (i % channels)) + (i % channels)); // per-channel offsets and spreads
  const wv = randomArray(xShape, seed + 1);
  const gv = randomArray([channels], seed + 2);
  const bv = randomArray([channels], seed + 3);
  return () => {
    const layer = fuseBatchNormTraining(tf.layers.batchNormalization({ momentum: 0.9 }));
    layer.build(xShape);
    layer.setWeights([tf.tensor1d(gv), tf.tensor1d(bv), tf.zeros([channels]), tf.ones([channels])]);
    const [x, w] = [tf.tensor(xv, xShape), tf.tensor(wv, xShape)];
    const gamma = layer.trainableWeights[0].read();
    const beta = layer.trainableWeights[1].read();
    const f = (input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input, { training: true }) as tf.Tensor, w));
    const { value, grads } = tf.variableGrads(() => f(x) as tf.Scalar, [gamma, beta].map((v) => v as tf.Variable));
    const dx = tf.grad(f)(x);
    const y = layer.apply(x, { training: true }) as tf.Tensor;
    const [movingMean, movingVariance] = layer.getWeights().slice(2);
    const out = tf.concat([value.reshape([1]), dx.flatten(), ...Object.values(grads).map((g) => g.flatten()), y.flatten(), movingMean, movingVariance]);
    for (const weight of layer.weights) weight.dispose(); // a layer only called eagerly cannot be disposed whole
    return out;
  };
}

describe('batch normalisation while training, one kernel each way on wasm', () => {
  it.each([
    [[4, 5, 5, 8]],
    [[3, 4, 4, 6]], // channels not a multiple of 4: the JavaScript loops
    [[16, 12]], // after a Dense layer
  ])('matches tfjs-layers on cpu (loss, dx, dgamma, dbeta, y, moving statistics) for x %o', async (xShape) => {
    await switchBackend('cpu');
    const run = trainingPass(xShape, 40 + xShape.length);
    const ref = tf.tidy(() => run().dataSync() as Float32Array);
    await switchBackend('wasm');
    await withAndWithoutSimd(async (path) => expectClose(tf.tidy(() => run().dataSync() as Float32Array), ref, 1e-4, path));
  });

  it('takes the two kernels on wasm instead of the moments chain, leaking no tensors or buffers', async () => {
    await switchBackend('wasm');
    const run = trainingPass([8, 6, 6, 16], 7);
    tf.dispose(tf.tidy(run));
    const { kernelNames } = await tf.profile(() => tf.dispose(tf.tidy(run)));
    expect(kernelNames).toContain('FashionPlaygroundBatchNormTraining');
    expect(kernelNames).toContain('FashionPlaygroundBatchNormTrainingGrad');
    expect(kernelNames).not.toContain('Square');
    const tensors = tf.memory().numTensors;
    const buffers = wasmBackend().numDataIds();
    tf.dispose(tf.tidy(run));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(wasmBackend().numDataIds()).toBe(buffers);
  });
});
