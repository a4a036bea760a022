/**
 * A BatchNormalization layer's training step as one kernel each way, where the backend has one.
 *
 * tfjs-layers normalises a training batch with tf.moments and then tf.batchNorm, and autodiff
 * walks back through both: on wasm ~10 passes over the layer's input each way (for the Fast
 * CNN's first batch norm ~6 ms of a ~76 ms step in Node). The op here computes the batch's mean
 * and variance and the normalised output in one kernel, and its registered gradient gives the
 * input's, scale's and offset's gradients, the moments' paths included, in another
 * (backends/wasm/batchNormTraining.ts). Only wasm has the kernels; elsewhere, at inference, and
 * for layers it does not fit, the layer runs as tfjs-layers wrote it. The layer's weights,
 * config and saved form are unchanged: a saved model loads as a plain BatchNormalization.
 */
import * as tf from '@tensorflow/tfjs';
import { BATCH_NORM_TRAINING, BATCH_NORM_TRAINING_GRAD, type BatchNormTrainingAttrs } from '../backends/wasm/batchNormTraining';

let gradientRegistered = false;

function registerGradient(): void {
  if (gradientRegistered) return;
  gradientRegistered = true;
  tf.registerGradient({
    kernelName: BATCH_NORM_TRAINING,
    inputsToSave: ['x', 'scale'],
    outputsToSave: [false, true, true],
    gradFunc: (dys, saved, attrs) => {
      // Only y reaches the loss: the mean and variance feed the moving averages.
      const dy = (Array.isArray(dys) ? dys[0] : dys) as tf.Tensor;
      const [x, scale, mean, variance] = saved;
      // Eagerly, not inside the thunks: each thunk runs in its own tidy, which would dispose
      // the other outputs of the shared call. Unused outputs go with the backward pass's scope.
      const grads = tf.engine().runKernel(BATCH_NORM_TRAINING_GRAD, { dy, x, scale, mean, variance }, attrs) as tf.Tensor[];
      return { x: () => grads[0], scale: () => grads[1], offset: () => grads[2] };
    },
  });
}

/** What the layer keeps (tfjs-layers' BatchNormalization fields, not in its public typings). */
interface BatchNormInternals {
  readonly axis: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly epsilon: number;
  readonly momentum: number;
  readonly gamma: tf.LayerVariable;
  readonly beta: tf.LayerVariable;
  readonly movingMean: tf.LayerVariable;
  readonly movingVariance: tf.LayerVariable;
}

function applies(x: tf.Tensor, layer: BatchNormInternals): boolean {
  return (
    tf.getBackend() === 'wasm' &&
    tf.getKernel(BATCH_NORM_TRAINING, 'wasm') != null &&
    x.dtype === 'float32' &&
    (layer.axis === -1 || layer.axis === x.rank - 1) &&
    layer.center &&
    layer.scale
  );
}

/**
 * y = batchNorm(x) over the batch's own statistics, per channel (the last axis):
 * x [..., C] float32, scale and offset [C]; returns y (shape of x) and the batch's mean and
 * biased variance [C], as tf.moments gives them.
 */
export function batchNormTraining(x: tf.Tensor, scale: tf.Tensor1D, offset: tf.Tensor1D, varianceEpsilon: number): [tf.Tensor, tf.Tensor1D, tf.Tensor1D] {
  registerGradient();
  const attrs: BatchNormTrainingAttrs = { varianceEpsilon };
  return tf.engine().runKernel(BATCH_NORM_TRAINING, { x, scale, offset }, attrs) as unknown as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
}

/** moving ← moving − (moving − value)·(1 − momentum), as tfjs-layers updates it. */
function movingAverage(variable: tf.LayerVariable, value: tf.Tensor, momentum: number): void {
  tf.tidy(() => {
    const current = variable.read();
    variable.write(tf.sub(current, tf.mul(tf.sub(current, value), 1 - momentum)));
  });
}

/** Makes a freshly built BatchNormalization layer train through batchNormTraining where it applies. */
export function fuseBatchNormTraining(layer: tf.layers.Layer): tf.layers.Layer {
  const original = layer.call.bind(layer);
  const bn = layer as unknown as BatchNormInternals;
  layer.call = (inputs, kwargs) => {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor;
    if (kwargs?.training !== true || !applies(x, bn)) return original(inputs, kwargs);
    return tf.tidy(() => {
      const [y, mean, variance] = batchNormTraining(x, bn.gamma.read() as tf.Tensor1D, bn.beta.read() as tf.Tensor1D, bn.epsilon);
      movingAverage(bn.movingMean, mean, bn.momentum);
      movingAverage(bn.movingVariance, variance, bn.momentum);
      return y;
    });
  };
  return layer;
}
