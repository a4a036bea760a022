/**
 * Output shapes and parameter counts of a ModelSpec, computed from the spec alone (no
 * tfjs), so the editor can show them live and explain impossible settings at the layer
 * that causes them. The formulas are tfjs's own (see analyze.test.ts, which checks them
 * against built models).
 */
import { IMAGE_SIZE, NUM_CLASSES } from '../constants';
import { layerFieldProblems } from './layerSchema';
import { LAYER_LABELS, type LayerSpec, type ModelSpec, type Padding } from './spec';

/** Output shape without the batch dimension: [height, width, channels] or [units]. */
export type Shape = readonly number[];

export const INPUT_SHAPE: Shape = [IMAGE_SIZE, IMAGE_SIZE, 1];
/** More layers than this is not a network to train in a browser tab. */
export const MAX_LAYERS = 40;
/** Above this the run is very slow in a browser: a warning, not an error. */
export const LARGE_MODEL_PARAMS = 5_000_000;

export interface LayerAnalysis {
  /** The tfjs layer name buildModel gives it, e.g. conv2d_1. */
  readonly name: string;
  /** null when an earlier problem makes it unknowable. */
  readonly outputShape: Shape | null;
  readonly params: number | null;
  /** Problems with this layer's settings (per field) or its place in the network (field null). */
  readonly problems: readonly { readonly field: string | null; readonly message: string }[];
}

export interface ModelAnalysis {
  readonly layers: readonly LayerAnalysis[];
  /** null unless every layer could be computed. */
  readonly totalParams: number | null;
  /** Problems that belong to no single layer. */
  readonly modelProblems: readonly string[];
  readonly warnings: readonly string[];
  /** True when buildModel will succeed and the output is 10 class probabilities. */
  readonly valid: boolean;
}

export const layerName = (layer: LayerSpec, index: number) => `${layer.type}_${index + 1}`;

/** tfjs's convOutputLength: how many positions a window of `size` takes along `length`. */
export function windowOutputLength(length: number, size: number, stride: number, padding: Padding): number {
  return padding === 'same' ? Math.ceil(length / stride) : Math.floor((length - size) / stride) + 1;
}

export const formatShape = (shape: Shape) => shape.join('×');

type Step = { shape: Shape; params: number } | { problem: string };

/** One layer applied to an input shape: its output and parameters, or why it cannot work. */
function applyLayer(layer: LayerSpec, input: Shape): Step {
  const isImage = input.length === 3;
  const label = LAYER_LABELS[layer.type];
  const needsImage = (): Step => ({
    problem: `${label} needs an image-shaped input (height × width × channels), but gets a flat vector of ${input[0].toLocaleString('en')} values. Move it before Flatten / GlobalAveragePooling2D.`,
  });
  switch (layer.type) {
    case 'conv2d':
    case 'maxPool2d':
    case 'avgPool2d': {
      if (!isImage) return needsImage();
      const [h, w, c] = input;
      const size = layer.type === 'conv2d' ? layer.kernelSize : layer.poolSize;
      const oh = windowOutputLength(h, size, layer.strides, layer.padding);
      const ow = windowOutputLength(w, size, layer.strides, layer.padding);
      if (oh < 1 || ow < 1) {
        const what = layer.type === 'conv2d' ? 'kernel' : 'pooling window';
        return {
          problem: `The ${h}×${w} input is smaller than the ${size}×${size} ${what}, so the output would be ${Math.max(0, oh)}×${Math.max(0, ow)}. Use "same" padding, a smaller ${what}, or remove a pooling layer or stride before this one.`,
        };
      }
      if (layer.type !== 'conv2d') return { shape: [oh, ow, c], params: 0 };
      return { shape: [oh, ow, layer.filters], params: size * size * c * layer.filters + layer.filters };
    }
    case 'globalAvgPool2d':
      return isImage ? { shape: [input[2]], params: 0 } : needsImage();
    case 'flatten':
      if (!isImage) return { problem: 'The input is already flat: Flatten has nothing to do here. Remove it.' };
      return { shape: [input[0] * input[1] * input[2]], params: 0 };
    case 'dense':
      if (isImage) {
        return {
          problem: `Dense needs a flat input, but gets ${formatShape(input)}. Add Flatten or GlobalAveragePooling2D before it.`,
        };
      }
      return { shape: [layer.units], params: input[0] * layer.units + layer.units };
    case 'batchNorm':
      // gamma, beta, moving mean and moving variance per channel (tfjs counts all four).
      return { shape: input, params: 4 * input[input.length - 1] };
    case 'dropout':
      return { shape: input, params: 0 };
  }
}

export function analyzeModel(spec: Pick<ModelSpec, 'layers'>): ModelAnalysis {
  const modelProblems: string[] = [];
  const warnings: string[] = [];
  let input: Shape | null = INPUT_SHAPE;
  let total = 0;
  const layers = spec.layers.map((layer, index): LayerAnalysis => {
    const problems: { field: string | null; message: string }[] = layerFieldProblems(layer);
    let outputShape: Shape | null = null;
    let params: number | null = null;
    if (problems.length === 0 && input !== null) {
      const step = applyLayer(layer, input);
      if ('problem' in step) problems.push({ field: null, message: step.problem });
      else ({ shape: outputShape, params } = step);
    }
    input = outputShape;
    total += params ?? 0;
    return { name: layerName(layer, index), outputShape, params, problems };
  });

  if (spec.layers.length === 0) modelProblems.push('The network has no layers: it needs at least the output layer Dense(10, softmax).');
  if (spec.layers.length > MAX_LAYERS) modelProblems.push(`At most ${MAX_LAYERS} layers: this network has ${spec.layers.length}.`);
  const last = spec.layers[spec.layers.length - 1];
  if (last && !(last.type === 'dense' && last.units === NUM_CLASSES && last.activation === 'softmax')) {
    modelProblems.push('The last layer must be Dense with 10 units and softmax: one probability per clothing class.');
  }
  const computed = layers.every((l) => l.outputShape !== null);
  const layerProblems = layers.some((l) => l.problems.length > 0);
  if (computed && total > LARGE_MODEL_PARAMS) {
    warnings.push(`${total.toLocaleString('en')} parameters: this network will train slowly in a browser.`);
  }
  return {
    layers,
    totalParams: computed ? total : null,
    modelProblems,
    warnings,
    valid: computed && !layerProblems && modelProblems.length === 0 && spec.layers.length > 0,
  };
}

/** Every problem as one line, "Layer 3 (conv2d_3): …" first, then model-level ones. */
export function listProblems(analysis: ModelAnalysis): string[] {
  const perLayer = analysis.layers.flatMap((layer, i) => layer.problems.map((p) => `Layer ${i + 1} (${layer.name}): ${p.message}`));
  return [...perLayer, ...analysis.modelProblems];
}
