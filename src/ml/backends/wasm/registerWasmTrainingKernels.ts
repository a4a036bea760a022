/**
 * Gradient kernels that let Keras-style CNNs train on the tfjs wasm backend.
 *
 * tfjs-backend-wasm 4.22 can run forward passes, but for training:
 * - Conv2DBackpropFilter is not registered at all, so any Conv2D layer fails
 *   with "Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'".
 *   This was the only missing kernel for Conv2D / MaxPooling2D /
 *   AveragePooling2D / BatchNormalization / Dropout / Flatten /
 *   GlobalAveragePooling2D / Dense + categorical cross-entropy with Adam,
 *   SGD+momentum, RMSprop and Adagrad.
 * - MaxPoolGrad is registered but wrong for windows whose values are all <= 0
 *   (see maxPoolGrad.ts): replaced.
 * - Conv2DBackpropInput is registered and correct but a scalar loop (~7x
 *   slower): replaced by an XNNPACK full convolution / matmul + col2im.
 * - BatchMatMul with transpose flags (a Dense layer's two gradient matmuls)
 *   runs a scalar loop: wrapped so that it transposes first and then takes
 *   the built-in XNNPACK path (see batchMatMul.ts).
 * - Sum over the leading axes (every bias gradient) transposes first: wrapped
 *   with a one-pass row sum (see sum.ts).
 * - Mean over the leading axes (batch-norm moments) transposes first, like Sum:
 *   same one-pass wrapper (sum.ts). Tile (the batch-norm gradient broadcasts
 *   its per-channel factor to the input's size) is a scalar loop: block
 *   repeats are copied with memcpy instead (tile.ts).
 * - FusedBatchNorm (batch norm's forward pass) does index arithmetic for every value: with
 *   per-channel statistics it is one multiply-add per value instead (batchNorm.ts).
 * - FusedBatchNorm's gradient is a dozen full-size ops: on wasm, with per-channel statistics,
 *   one pass gives all five (batchNormGrad.ts; the gradient is replaced for every backend,
 *   the others keep tfjs-core's). Mean's gradient over leading axes (the moments') is a
 *   block repeat of dy / N instead of a fill and two full-size passes (meanGrad.ts).
 * - A BatchNormalization layer's training step (moments, normalisation, and the whole gradient
 *   with the moments' paths) as one kernel each way (batchNormTraining.ts, taken by
 *   model/batchNormTraining.ts) instead of tf.moments + FusedBatchNorm and autodiff through both.
 * - SIMD kernels (simd/kernels.wat, run in place on the backend's memory; each falls back
 *   where WebAssembly SIMD is missing): MaxPoolGrad's 2×2 windows (maxPoolGrad.ts), Relu's
 *   gradient in one pass instead of Step and Multiply (reluGrad.ts), and Adam's update in one
 *   pass instead of a dozen ops per variable (adamUpdate.ts, taken by model/fusedAdam.ts);
 *   the filter gradient's im2col (conv2DBackpropFilter.ts), per-channel sums and batch norm
 *   (sum.ts, batchNorm.ts, batchNormGrad.ts), matrix transposes (transpose.ts), and bias
 *   additions (add.ts); a first ReLU convolution's filter and bias gradients in one pass
 *   (convReluFilterGrad.ts, taken by model/convBiasRelu.ts).
 * - simd/gemm.wat, a matrix product with relaxed SIMD's fused multiply-add where the engine has
 *   it (twice the arithmetic per cycle of XNNPACK's wasm kernels): the filter gradient, the input
 *   gradient (conv2DBackpropInput.ts) and unpadded FusedConv2D (fusedConv2D.ts, wrapped).
 * - Identity and same-dtype Cast copy their input: replaced by reference-counted
 *   sharing (see aliasing.ts); the engine clones every tensor a gradient needs.
 * AvgPoolGrad is left as is (it matches the cpu backend).
 * Default CNN (Conv 32 -> Pool -> Conv 64 -> Pool -> Dense 128 -> Dense 10,
 * batch 64, Adam), Node, one thread: ~49 ms of CPU per step with gemm.wat (~1,200
 * examples per CPU second; 66-74 ms with XNNPACK's products; see
 * bench/wasm-training-profile.md); with only Conv2DBackpropFilter added, ~220 ms.
 *
 * Usage (browser or Node), before training on wasm:
 *   registerWasmTrainingKernels();
 *   await tf.setBackend('wasm');
 * It can be called before or after the backend is initialised, any number of
 * times. This module imports '@tensorflow/tfjs-backend-wasm' so that the
 * backend's own kernels are registered first and cannot later overwrite the
 * replacements.
 */
import '@tensorflow/tfjs-backend-wasm';
import { getKernel, type KernelConfig, registerKernel, unregisterKernel } from '@tensorflow/tfjs';
import { adamUpdateConfig } from './adamUpdate';
import { addConfig } from './add';
import { castConfig, identityConfig } from './aliasing';
import { batchMatMulConfig } from './batchMatMul';
import { batchNormConfig } from './batchNorm';
import { batchNormGradConfig, installBatchNormGradient } from './batchNormGrad';
import { batchNormTrainingConfig, batchNormTrainingGradConfig } from './batchNormTraining';
import { captureBuiltins } from './builtinKernel';
import { conv2DBackpropFilterConfig } from './conv2DBackpropFilter';
import { conv2DBackpropInputConfig } from './conv2DBackpropInput';
import { convReluFilterGradConfig } from './convReluFilterGrad';
import { fusedConv2DConfig } from './fusedConv2D';
import { maxPoolGradConfig } from './maxPoolGrad';
import { installMeanGradient } from './meanGrad';
import { installReluGradient, reluGradConfig } from './reluGrad';
import { meanConfig, sumConfig } from './sum';
import { tileConfig } from './tile';
import { transposeConfig } from './transpose';

const TRAINING_KERNELS: readonly KernelConfig[] = [
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
  maxPoolGradConfig,
  batchMatMulConfig,
  sumConfig,
  identityConfig,
  castConfig,
  meanConfig,
  tileConfig,
  batchNormConfig,
  batchNormGradConfig,
  adamUpdateConfig,
  reluGradConfig,
  transposeConfig,
  addConfig,
  convReluFilterGradConfig,
  fusedConv2DConfig,
  batchNormTrainingConfig,
  batchNormTrainingGradConfig,
];

/**
 * Registers this module's kernels for the 'wasm' backend, replacing any
 * kernel of the same name already registered (idempotent: kernels that are
 * already ours are left alone). Returns the names of the kernels this module
 * provides, the same list on every call:
 * ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'BatchMatMul', 'Sum', 'Identity', 'Cast', 'Mean', 'Tile', 'FusedBatchNorm', 'FashionPlaygroundBatchNormGrad',
 * 'FashionPlaygroundAdamUpdate', 'FashionPlaygroundReluGrad', 'Transpose', 'Add', 'FashionPlaygroundConvReluFilterGrad', 'FusedConv2D',
 * 'FashionPlaygroundBatchNormTraining', 'FashionPlaygroundBatchNormTrainingGrad'].
 */
export function registerWasmTrainingKernels(): string[] {
  // The kernels this module wraps (BatchMatMul, Sum, Mean, Identity, Cast, Tile, FusedBatchNorm,
  // Transpose, Add, FusedConv2D): each wrapper module made its handle when imported above.
  captureBuiltins();
  installBatchNormGradient();
  installMeanGradient();
  installReluGradient();
  for (const config of TRAINING_KERNELS) {
    const existing = getKernel(config.kernelName, config.backendName);
    if (existing?.kernelFunc === config.kernelFunc) continue;
    if (existing != null) unregisterKernel(config.kernelName, config.backendName);
    registerKernel(config);
  }
  return TRAINING_KERNELS.map((config) => config.kernelName);
}
