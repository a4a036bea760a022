/**
 * What each layer of a model is, in the terms the internals view explains it with:
 * its kind (convolution, pooling, dense…), output shape and activation function.
 */
import type * as tf from '@tensorflow/tfjs';

export type LayerKind = 'conv' | 'maxPool' | 'avgPool' | 'flatten' | 'dense' | 'dropout' | 'batchNorm' | 'globalAvgPool' | 'other';

const KIND_BY_CLASS: Record<string, LayerKind> = {
  Conv2D: 'conv',
  MaxPooling2D: 'maxPool',
  AveragePooling2D: 'avgPool',
  Flatten: 'flatten',
  Dense: 'dense',
  Dropout: 'dropout',
  // The app's reproducible dropout (src/ml/model/seededDropout.ts).
  SeededDropout: 'dropout',
  BatchNormalization: 'batchNorm',
  GlobalAveragePooling2D: 'globalAvgPool',
};

export interface LayerInfo {
  /** Position in model.layers, from 0. */
  readonly index: number;
  readonly name: string;
  /** The tfjs class name, e.g. 'Conv2D'. */
  readonly className: string;
  readonly kind: LayerKind;
  /** Output shape without the batch dimension: [height, width, channels] or [units]. */
  readonly outputShape: readonly number[];
  /** The function applied after the layer's linear part ('relu', 'softmax', 'linear'), or null if it has none. */
  readonly activation: string | null;
  /** Conv / pooling window size [height, width]; null for other layers. */
  readonly windowSize: readonly [number, number] | null;
  /** Conv / pooling strides [vertical, horizontal]; null for other layers. */
  readonly strides: readonly [number, number] | null;
  /** Conv / pooling padding ('valid' or 'same'); null for other layers. */
  readonly padding: string | null;
}

function pair(value: unknown): [number, number] | null {
  if (typeof value === 'number') return [value, value];
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number')) return [value[0], value[1]];
  return null;
}

export function describeLayer(layer: tf.layers.Layer, index: number): LayerInfo {
  const className = layer.getClassName();
  const config = layer.getConfig() as Record<string, unknown>;
  const shape = layer.outputShape as (number | null)[];
  const activation = typeof config.activation === 'string' ? config.activation : null;
  const kind = KIND_BY_CLASS[className] ?? 'other';
  return {
    index,
    name: layer.name,
    className,
    kind,
    outputShape: shape.slice(1).map((d) => d ?? 0),
    activation,
    windowSize: pair(config.kernelSize ?? config.poolSize),
    strides: pair(config.strides),
    padding: typeof config.padding === 'string' ? config.padding : null,
  };
}

/** Every layer of the model, in order. */
export function describeLayers(model: tf.LayersModel): LayerInfo[] {
  return model.layers.map(describeLayer);
}

/** Number of values one example produces at a layer (product of its output shape). */
export function layerSize(info: LayerInfo): number {
  return info.outputShape.reduce((a, b) => a * b, 1);
}

/** True when the layer's activation is a non-linearity applied after a linear part we can show separately. */
export function hasSeparableActivation(info: LayerInfo): boolean {
  return (info.kind === 'conv' || info.kind === 'dense') && info.activation !== null && info.activation !== 'linear';
}
