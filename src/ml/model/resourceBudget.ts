/**
 * Before a network is built: how much memory and time one training batch will take on a
 * backend, from the analyzed shapes alone (no tfjs). Past what the backend can hold, or
 * slower than a batch every ~2 s (the run could not react to Stop), the network is
 * refused with the numbers and what to change. Estimates, deliberately on the safe side:
 * a tab that runs out of memory crashes and loses everything.
 */
import { analyzeModel, INPUT_SHAPE, type ModelAnalysis, type Shape } from './analyze';
import { SIMPLE_CNN, type LayerSpec, type ModelSpec, type OptimizerName } from './spec';

export type BudgetBackend = 'webgl' | 'webgpu' | 'wasm' | 'cpu';

export interface BudgetContext {
  readonly backend: BudgetBackend;
  readonly batchSize: number;
  /** WebGL emulated on the CPU (SwiftShader…): far slower than on a GPU. */
  readonly softwareWebGl?: boolean;
}

const BYTES_PER_FLOAT = 4;
const GB = 2 ** 30;

/**
 * Memory one tab can use for tensors. WASM: tfjs's heap may grow to 4 GB, but browsers
 * often fail to grow it past ~2 GB. WebGL/WebGPU: textures and buffers share the GPU with
 * the page; drivers give no number, so stay well below what integrated GPUs offer. CPU:
 * typed arrays on the JS heap.
 */
export const MEMORY_LIMIT_BYTES: Record<BudgetBackend, number> = { wasm: 2 * GB, webgl: 1.5 * GB, webgpu: 1.5 * GB, cpu: 2 * GB };

/** Slowest acceptable batch: the loop checks Stop and updates the page between batches. */
export const MAX_BATCH_SECONDS = 2;
/**
 * The plain CPU backend is the last resort, where even the default CNN takes ~7 s per batch
 * of 64: refuse only what is far worse than that, and warn above MAX_BATCH_SECONDS.
 */
export const MAX_BATCH_SECONDS_CPU = 12;

/**
 * Default CNN training throughput (examples/s, batch 64) per backend, from bench/results.md
 * (2 Xeon cores, no GPU): WASM 958, CPU 9.3, WebGL on SwiftShader 38, WebGPU on SwiftShader 13.
 * WebGL/WebGPU on a real GPU were not measurable here; 2,000 ex/s is a modest figure for an
 * integrated GPU, so the time limit only catches networks that are slow on any GPU.
 */
export const DEFAULT_CNN_EXAMPLES_PER_SECOND = { wasm: 958, cpu: 9.3, webgl: 2000, webgpu: 2000, softwareWebGl: 38 } as const;

/** Optimizer state per weight (tfjs): Adam m and v; RMSprop mean squares and moments; momentum SGD velocity; Adagrad sums. */
export const OPTIMIZER_SLOTS: Record<OptimizerName, number> = { adam: 2, rmsprop: 2, sgd: 1, adagrad: 1 };

export const BACKEND_LABELS: Record<BudgetBackend, string> = { wasm: 'WebAssembly', webgl: 'WebGL', webgpu: 'WebGPU', cpu: 'the plain CPU backend' };

const product = (shape: Shape) => shape.reduce((a, b) => a * b, 1);

/** Forward FLOPs of one layer for one example (multiply-add = 2), and its largest temporary buffer (floats). */
function layerCost(layer: LayerSpec, input: Shape, output: Shape): { flops: number; workspace: number } {
  const outputs = product(output);
  switch (layer.type) {
    case 'conv2d': {
      const window = layer.kernelSize * layer.kernelSize * input[2];
      // tfjs convolves through im2col: a (positions × window) matrix per example.
      return { flops: 2 * outputs * window, workspace: output[0] * output[1] * window };
    }
    case 'dense':
      return { flops: 2 * input[0] * layer.units, workspace: 0 };
    case 'maxPool2d':
    case 'avgPool2d':
      return { flops: outputs * layer.poolSize * layer.poolSize, workspace: 0 };
    default:
      return { flops: 4 * outputs, workspace: 0 };
  }
}

/**
 * Activation-sized tensors a layer keeps for the backward pass, per output value. Calibrated on
 * tfjs's own peak bytes (tf.profile) of one training step on WASM: convolution and dense keep
 * the product, the biased sum and the activation; batch normalisation the steps of its moments
 * and of normalising, scaling and shifting; dropout its mask and output. At batch 128 the
 * estimate is within −10%…+21% of the measured peak (simple 116 vs 114 MB, VGG 482 vs 398,
 * Modern 290 vs 309).
 */
const KEPT_PER_OUTPUT: Partial<Record<LayerSpec['type'], number>> = { conv2d: 3, dense: 3, batchNorm: 6, dropout: 2 };
const keptOutputs = (layer: LayerSpec, output: Shape) => product(output) * (KEPT_PER_OUTPUT[layer.type] ?? 1);

export interface ResourceEstimate {
  readonly weights: number;
  readonly weightBytes: number;
  /** Gradients (one per weight) plus the optimizer's state. */
  readonly gradientAndOptimizerBytes: number;
  /** Forward activations kept for backward plus their gradients, for the whole batch. */
  readonly activationBytes: number;
  /** The largest temporary buffer (a convolution's im2col matrix) for the whole batch. */
  readonly workspaceBytes: number;
  readonly totalBytes: number;
  readonly memoryLimitBytes: number;
  /** Forward + backward (≈ 3× forward) FLOPs per example. */
  readonly trainingFlopsPerExample: number;
  readonly secondsPerBatch: number;
  /** The largest batch that fits in memory and time (0: none does). */
  readonly largestBatch: number;
  readonly problems: string[];
  readonly warnings: string[];
}

function perExampleCosts(analysis: ModelAnalysis, layers: readonly LayerSpec[]) {
  let input: Shape = INPUT_SHAPE;
  let activations = product(INPUT_SHAPE);
  let flops = 0;
  let workspace = 0;
  layers.forEach((layer, i) => {
    const output = analysis.layers[i].outputShape!;
    const cost = layerCost(layer, input, output);
    flops += cost.flops;
    workspace = Math.max(workspace, cost.workspace);
    activations += keptOutputs(layer, output);
    input = output;
  });
  // Backward: gradients w.r.t. inputs and weights cost about twice the forward pass.
  return { trainingFlops: 3 * flops, activationFloats: 2 * activations, workspaceFloats: workspace };
}

const DEFAULT_CNN_FLOPS = perExampleCosts(analyzeModel(SIMPLE_CNN), SIMPLE_CNN.layers).trainingFlops;

/** Training FLOP/s of a backend, calibrated on the default CNN's measured throughput. */
export function flopsPerSecond(context: Pick<BudgetContext, 'backend' | 'softwareWebGl'>): number {
  const examplesPerSecond = context.backend === 'webgl' && context.softwareWebGl ? DEFAULT_CNN_EXAMPLES_PER_SECOND.softwareWebGl : DEFAULT_CNN_EXAMPLES_PER_SECOND[context.backend];
  return DEFAULT_CNN_FLOPS * examplesPerSecond;
}

export const formatBytes = (bytes: number) =>
  bytes >= GB ? `${(bytes / GB).toLocaleString('en', { maximumFractionDigits: 1 })} GB` : `${Math.max(1, Math.round(bytes / 2 ** 20)).toLocaleString('en')} MB`;

const formatSeconds = (seconds: number) =>
  seconds >= 100 ? `${Math.round(seconds).toLocaleString('en')} s` : `${seconds.toLocaleString('en', { maximumFractionDigits: 1 })} s`;

/**
 * Memory and time of one training batch, or null when the network's shapes are unknown
 * (analysis.totalParams === null: fix the network first).
 */
export function estimateResources(analysis: ModelAnalysis, spec: Pick<ModelSpec, 'layers' | 'optimizer'>, context: BudgetContext): ResourceEstimate | null {
  if (analysis.totalParams === null) return null;
  const { batchSize, backend } = context;
  const weights = analysis.totalParams;
  const weightBytes = weights * BYTES_PER_FLOAT;
  const gradientAndOptimizerBytes = weightBytes * (1 + OPTIMIZER_SLOTS[spec.optimizer]);
  const perExample = perExampleCosts(analysis, spec.layers);
  const fixedBytes = weightBytes + gradientAndOptimizerBytes;
  const perExampleBytes = (perExample.activationFloats + perExample.workspaceFloats) * BYTES_PER_FLOAT;
  const activationBytes = perExample.activationFloats * BYTES_PER_FLOAT * batchSize;
  const workspaceBytes = perExample.workspaceFloats * BYTES_PER_FLOAT * batchSize;
  const totalBytes = fixedBytes + activationBytes + workspaceBytes;
  const memoryLimitBytes = MEMORY_LIMIT_BYTES[backend];
  const speed = flopsPerSecond(context);
  const secondsPerBatch = (perExample.trainingFlops * batchSize) / speed;
  const maxSeconds = backend === 'cpu' ? MAX_BATCH_SECONDS_CPU : MAX_BATCH_SECONDS;
  const largestBatch = Math.max(0, Math.min(Math.floor((memoryLimitBytes - fixedBytes) / perExampleBytes), Math.floor((maxSeconds * speed) / perExample.trainingFlops)));

  const where = BACKEND_LABELS[backend];
  const batch = `batch ${batchSize.toLocaleString('en')}`;
  const smallerBatch = largestBatch >= 1 ? `Use a batch of at most ${largestBatch.toLocaleString('en')}, or fewer filters or units.` : 'Use fewer or smaller layers: even a batch of 1 does not fit.';
  const problems: string[] = [];
  const warnings: string[] = [];
  if (fixedBytes > memoryLimitBytes) {
    problems.push(
      `This network has ${weights.toLocaleString('en')} weights: with their gradients and the optimizer's state they need ~${formatBytes(fixedBytes)} before any image is processed; ${where} in this browser can use ~${formatBytes(memoryLimitBytes)}. Use fewer units or filters, or a pooling layer before Flatten.`,
    );
  } else if (totalBytes > memoryLimitBytes) {
    problems.push(`This network needs ~${formatBytes(totalBytes)} for ${batch} on ${where}; this browser can use ~${formatBytes(memoryLimitBytes)}. ${smallerBatch}`);
  }
  if (secondsPerBatch > maxSeconds) {
    problems.push(
      `One ${batch} would take ~${formatSeconds(secondsPerBatch)} on ${where} (at most ${maxSeconds} s, so the page can stop the run and stay responsive). ${smallerBatch}`,
    );
  } else if (secondsPerBatch > MAX_BATCH_SECONDS) {
    warnings.push(`One ${batch} takes ~${formatSeconds(secondsPerBatch)} on ${where}: Stop takes effect after the current batch.`);
  }
  return { weights, weightBytes, gradientAndOptimizerBytes, activationBytes, workspaceBytes, totalBytes, memoryLimitBytes, trainingFlopsPerExample: perExample.trainingFlops, secondsPerBatch, largestBatch, problems, warnings };
}

/**
 * analyzeModel plus the resource budget: budget problems join the model-level problems (so
 * the network is not valid and the model lab explains why at the network), budget warnings
 * join the warnings.
 */
export function analyzeModelWithBudget(spec: Pick<ModelSpec, 'layers' | 'optimizer'>, context: BudgetContext): ModelAnalysis & { readonly budget: ResourceEstimate | null } {
  const analysis = analyzeModel(spec);
  const budget = estimateResources(analysis, spec, context);
  if (!budget) return { ...analysis, budget };
  return {
    ...analysis,
    modelProblems: [...analysis.modelProblems, ...budget.problems],
    warnings: [...analysis.warnings, ...budget.warnings],
    valid: analysis.valid && budget.problems.length === 0,
    budget,
  };
}
