/**
 * The default CNN (model/spec.ts's SIMPLE_CNN) on wasm, where gemm.wat takes its second
 * convolution (forward, filter and input gradients) and its Dense layers: one step's
 * gradients match the cpu backend's, with fused multiply-adds and without, and a few Adam
 * steps leave no tensors or wasm buffers behind.
 */
import '../../../test-support/relaxedSimd';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel, createOptimizer } from '../../model/build';
import { SIMPLE_CNN } from '../../model/spec';
import { crossEntropy } from '../../training/trainStep';
import { setFusedGemmAllowed } from './simd/gemmKernels';
import { expectClose, flatGradients, randomArray, switchBackend, wasmBackend } from './testUtils';

const BATCH = 2;

function batch(): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const x = tf.tensor4d(randomArray([BATCH, 28, 28, 1], 5).map((v) => Math.abs(v) / 3), [BATCH, 28, 28, 1]);
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: BATCH }, (_, i) => i % 10), 'int32'), 10) as tf.Tensor2D;
  return { x, y };
}

/** Every trainable variable's gradient of the batch's cross-entropy, flattened and concatenated. */
function gradients(): Float32Array {
  const model = buildModel(SIMPLE_CNN, { seed: 11 });
  const { x, y } = batch();
  const out = flatGradients(model, x, y);
  tf.dispose([x, y]);
  return out;
}

describe('the default CNN on wasm with gemm.wat', () => {
  it('has the cpu backend gradients, fused and unfused', async () => {
    await switchBackend('cpu');
    const ref = gradients();
    await switchBackend('wasm');
    expectClose(gradients(), ref, 1e-4, 'fused');
    setFusedGemmAllowed(false);
    try {
      expectClose(gradients(), ref, 1e-4, 'unfused');
    } finally {
      setFusedGemmAllowed(true);
    }
  });

  it('keeps tensors and wasm buffers flat over Adam steps', async () => {
    await switchBackend('wasm');
    const backend = wasmBackend();
    const model = buildModel(SIMPLE_CNN, { seed: 12 });
    const optimizer = createOptimizer('adam', 0.001);
    const { x, y } = batch();
    const step = () => tf.dispose(optimizer.minimize(() => crossEntropy(y, model.apply(x, { training: true }) as tf.Tensor2D), true) ?? []);
    step();
    step();
    const tensors = tf.memory().numTensors;
    const buffers = backend.numDataIds();
    for (let i = 0; i < 4; i++) step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.numDataIds()).toBe(buffers);
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  });
});
