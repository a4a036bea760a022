import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLayers } from '../config/layerCodec';
import { analyzeModel } from './analyze';
import { buildModel } from './build';
import { PRESETS, presetById } from './presets';
import { analyzeModelWithBudget, estimateResources, MEMORY_LIMIT_BYTES, OPTIMIZER_SLOTS, type BudgetBackend } from './resourceBudget';
import { SIMPLE_CNN, type LayerSpec, type ModelSpec } from './spec';

const HUGE_DENSE = 'flat_dense8192_dense8192_dense8192_dense8192_dense10-softmax';
const HUGE_CONV = 'conv1024k3same_conv1024k3same_conv1024k3same_flat_dense10-softmax';
const GPU_AND_WASM: BudgetBackend[] = ['wasm', 'webgl', 'webgpu'];

function specOf(layers: string): ModelSpec {
  const decoded = decodeLayers(layers);
  if ('error' in decoded) throw new Error(decoded.error);
  return { ...SIMPLE_CNN, layers: decoded.layers };
}

/** tfjs's own parameter count. Zero-initialised: the count depends on shapes only, and random init of 208 M weights is slow. */
function tfjsCount(layers: readonly LayerSpec[]): number {
  const model = tf.sequential();
  layers.forEach((layer, i) => {
    const first = i === 0 ? { inputShape: [28, 28, 1] } : {};
    if (layer.type === 'flatten') model.add(tf.layers.flatten(first));
    else if (layer.type === 'dense') model.add(tf.layers.dense({ ...first, units: layer.units, activation: layer.activation, kernelInitializer: 'zeros' }));
    else if (layer.type === 'conv2d') model.add(tf.layers.conv2d({ ...first, filters: layer.filters, kernelSize: layer.kernelSize, strides: layer.strides, padding: layer.padding, kernelInitializer: 'zeros' }));
    else throw new Error(`not needed here: ${layer.type}`);
  });
  const count = model.countParams();
  model.dispose();
  return count;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterAll(() => {
  expect(tf.memory().numTensors).toBe(0);
});

describe('resource budget: weights agree with TensorFlow.js', () => {
  it.each(PRESETS.map((p) => [p.id, p.spec] as const))('preset %s', (_id, spec) => {
    const model = buildModel(spec);
    const budget = estimateResources(analyzeModel(spec), spec, { backend: 'wasm', batchSize: 64 })!;
    expect(budget.weights).toBe(model.countParams());
    expect(budget.weightBytes).toBe(4 * model.countParams());
    model.dispose();
  });

  it('the hostile examples from the probe', () => {
    for (const layers of [HUGE_DENSE, HUGE_CONV]) {
      const spec = specOf(layers);
      expect(estimateResources(analyzeModel(spec), spec, { backend: 'wasm', batchSize: 1 })!.weights).toBe(tfjsCount(spec.layers));
    }
  });
});

describe('resource budget: what is allowed', () => {
  it.each(PRESETS.map((p) => [p.id, p.spec] as const))('preset %s with the default batch of 64 trains on WebAssembly, WebGL and WebGPU', (_id, spec) => {
    for (const backend of GPU_AND_WASM) {
      const analysis = analyzeModelWithBudget(spec, { backend, batchSize: 64 });
      expect(analysis.budget!.problems, backend).toEqual([]);
      expect(analysis.valid).toBe(true);
      expect(analysis.budget!.totalBytes).toBeLessThan(MEMORY_LIMIT_BYTES[backend] / 4);
    }
  });

  it('208 M dense weights: refused on every backend, before any image, with the numbers', () => {
    const spec = specOf(HUGE_DENSE);
    for (const backend of [...GPU_AND_WASM, 'cpu'] as const) {
      const analysis = analyzeModelWithBudget(spec, { backend, batchSize: 1 });
      expect(analysis.valid).toBe(false);
      expect(analysis.modelProblems[0]).toMatch(/^This network has 207,863,818 weights: with their gradients and the optimizer's state they need ~3\.1 GB before any image is processed; .* can use ~(2|1\.5) GB\. Use fewer units or filters/);
    }
  });

  it('three 1,024-filter convolutions with batch 1,024: refused for memory and time', () => {
    const { budget, valid, modelProblems } = analyzeModelWithBudget(specOf(HUGE_CONV), { backend: 'wasm', batchSize: 1024 });
    expect(valid).toBe(false);
    expect(budget!.totalBytes).toBeGreaterThan(10 * MEMORY_LIMIT_BYTES.wasm);
    expect(modelProblems[0]).toMatch(/^This network needs ~\d+(\.\d)? GB for batch 1,024 on WebAssembly; this browser can use ~2 GB\. Use fewer or smaller layers: even a batch of 1 does not fit\.$/);
    expect(modelProblems[1]).toMatch(/^One batch 1,024 would take ~[\d,]+ s on WebAssembly \(at most 2 s/);
  });

  it('VGG with batch 1,024: refused with honest numbers, and the batch it suggests is allowed', () => {
    const spec = presetById('vgg').spec;
    const big = analyzeModelWithBudget(spec, { backend: 'wasm', batchSize: 1024 });
    expect(big.valid).toBe(false);
    const { largestBatch } = big.budget!;
    expect(largestBatch).toBeGreaterThanOrEqual(64);
    expect(largestBatch).toBeLessThan(1024);
    expect(big.modelProblems.join(' ')).toContain(`Use a batch of at most ${largestBatch.toLocaleString('en')}`);
    expect(analyzeModelWithBudget(spec, { backend: 'wasm', batchSize: largestBatch }).valid).toBe(true);
    expect(analyzeModelWithBudget(spec, { backend: 'wasm', batchSize: largestBatch + 1 }).valid).toBe(false);
  });

  it('the plain CPU backend: the simple CNN with a warning, VGG refused (minutes per batch)', () => {
    const simple = analyzeModelWithBudget(SIMPLE_CNN, { backend: 'cpu', batchSize: 64 });
    expect(simple.valid).toBe(true);
    expect(simple.warnings.join(' ')).toMatch(/One batch 64 takes ~\d+(\.\d)? s on the plain CPU backend/);
    expect(analyzeModelWithBudget(presetById('vgg').spec, { backend: 'cpu', batchSize: 64 }).valid).toBe(false);
  });

  it('software WebGL is judged by its own, much lower speed', () => {
    const vgg = presetById('vgg').spec;
    const gpu = analyzeModelWithBudget(vgg, { backend: 'webgl', batchSize: 64 }).budget!;
    const software = analyzeModelWithBudget(vgg, { backend: 'webgl', batchSize: 64, softwareWebGl: true }).budget!;
    expect(software.secondsPerBatch).toBeGreaterThan(10 * gpu.secondsPerBatch);
  });
});

/** tfjs's own peak tensor bytes over one training step (after a first step made the optimizer's slots). */
async function measuredPeakBytes(spec: ModelSpec, batchSize: number): Promise<number> {
  const model = buildModel(spec, { seed: 1 });
  const optimizer = tf.train.adam(spec.learningRate);
  const x = tf.randomUniform([batchSize, 28, 28, 1]);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([batchSize], 0, 10, 'int32'), 10));
  const step = () => {
    const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, true);
    loss?.dispose();
  };
  step();
  const info = await tf.profile(step);
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return info.peakBytes;
}

describe('resource budget: memory against TensorFlow.js\'s own peak', () => {
  // The im2col workspace is the backend's, not a tensor: the estimate without it is compared.
  it.each(['simple', 'modern'] as const)('%s: the estimated tensors of a training step are within −20%…+30% of the measured peak', async (id) => {
    const spec = presetById(id).spec;
    const estimate = estimateResources(analyzeModel(spec), spec, { backend: 'cpu', batchSize: 16 })!;
    const measured = await measuredPeakBytes(spec, 16);
    const estimated = estimate.totalBytes - estimate.workspaceBytes;
    expect(estimated / measured).toBeGreaterThan(0.8);
    expect(estimated / measured).toBeLessThan(1.3);
  });
});

describe('resource budget: the parts of the estimate', () => {
  it('optimizer state per weight: Adam two slots, momentum SGD one', () => {
    const weights = analyzeModel(SIMPLE_CNN).totalParams!;
    for (const optimizer of ['adam', 'sgd', 'rmsprop', 'adagrad'] as const) {
      const budget = estimateResources(analyzeModel(SIMPLE_CNN), { ...SIMPLE_CNN, optimizer }, { backend: 'wasm', batchSize: 64 })!;
      expect(budget.gradientAndOptimizerBytes).toBe(4 * weights * (1 + OPTIMIZER_SLOTS[optimizer]));
    }
    expect(OPTIMIZER_SLOTS.adam).toBe(2);
  });

  it('memory and time grow with the batch; weights do not', () => {
    const at = (batchSize: number) => estimateResources(analyzeModel(SIMPLE_CNN), SIMPLE_CNN, { backend: 'wasm', batchSize })!;
    const small = at(32);
    const large = at(64);
    expect(large.weightBytes).toBe(small.weightBytes);
    expect(large.activationBytes).toBeCloseTo(2 * small.activationBytes);
    expect(large.secondsPerBatch).toBeCloseTo(2 * small.secondsPerBatch);
  });

  it('a network whose shapes are unknown has no estimate', () => {
    const broken = specOf('conv8k3_dense10-softmax');
    expect(analyzeModelWithBudget(broken, { backend: 'wasm', batchSize: 64 }).budget).toBeNull();
  });
});
