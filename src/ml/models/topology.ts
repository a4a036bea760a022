/**
 * Reads a Keras / TensorFlow.js layers topology (model.json's modelTopology) back into our
 * LayerSpec list, so an imported model can be shown, edited and retrained like one built
 * here. Anything the app could not show or rebuild the same way is refused with the layer
 * at fault named: other layer kinds, functional graphs, non-square kernels, dilations,
 * layers without a bias, another input shape.
 */
import { IMAGE_SIZE } from '../constants';
import { ACTIVATIONS, LAYER_LABELS, PADDINGS, type Activation, type LayerSpec, type Padding } from '../model/spec';
import { ModelFileError } from './metadata';

type Config = Record<string, unknown>;

const isRecord = (value: unknown): value is Config => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The input every model here takes: a batch of 28×28 grayscale images. */
export const EXPECTED_INPUT_SHAPE = [null, IMAGE_SIZE, IMAGE_SIZE, 1] as const;

const SHOWN_LAYERS = Object.values(LAYER_LABELS).join(', ');

function cannotShow(index: number, what: string): ModelFileError {
  return new ModelFileError(`Layer ${index + 1} ${what}: this app can only show networks made of ${SHOWN_LAYERS}.`);
}

/** A square size given as n or [n, n]. */
function square(value: unknown, index: number, what: string): number {
  const pair = Array.isArray(value) ? value : [value, value];
  if (pair.length !== 2 || typeof pair[0] !== 'number' || pair[0] !== pair[1]) throw cannotShow(index, `has a non-square ${what} (${JSON.stringify(value)})`);
  return pair[0];
}

function activation(config: Config, index: number): Activation {
  const value = config.activation ?? 'linear';
  if (typeof value !== 'string' || !(ACTIVATIONS as readonly string[]).includes(value)) throw cannotShow(index, `uses the activation ${JSON.stringify(value)}`);
  return value as Activation;
}

function padding(config: Config, index: number): Padding {
  const value = config.padding ?? 'valid';
  if (typeof value !== 'string' || !(PADDINGS as readonly string[]).includes(value)) throw cannotShow(index, `uses padding ${JSON.stringify(value)}`);
  return value as Padding;
}

function requireBias(config: Config, index: number, kind: string) {
  if (config.use_bias === false) throw cannotShow(index, `(${kind}) has no bias`);
}

function requireChannelsLast(config: Config, index: number, kind: string) {
  if (config.data_format !== undefined && config.data_format !== null && config.data_format !== 'channels_last') throw cannotShow(index, `(${kind}) is channels-first`);
}

function toLayerSpec(className: string, config: Config, index: number): LayerSpec {
  switch (className) {
    case 'Conv2D': {
      requireBias(config, index, className);
      requireChannelsLast(config, index, className);
      if (config.dilation_rate !== undefined && square(config.dilation_rate, index, 'dilation') !== 1) throw cannotShow(index, '(Conv2D) is dilated');
      if (typeof config.filters !== 'number') throw cannotShow(index, '(Conv2D) has no filter count');
      return {
        type: 'conv2d',
        filters: config.filters,
        kernelSize: square(config.kernel_size, index, 'kernel'),
        strides: square(config.strides ?? 1, index, 'stride'),
        padding: padding(config, index),
        activation: activation(config, index),
      };
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      requireChannelsLast(config, index, className);
      const poolSize = square(config.pool_size ?? 2, index, 'pool size');
      return {
        type: className === 'MaxPooling2D' ? 'maxPool2d' : 'avgPool2d',
        poolSize,
        strides: config.strides === null || config.strides === undefined ? poolSize : square(config.strides, index, 'stride'),
        padding: padding(config, index),
      };
    }
    case 'Dense':
      requireBias(config, index, className);
      if (typeof config.units !== 'number') throw cannotShow(index, '(Dense) has no unit count');
      return { type: 'dense', units: config.units, activation: activation(config, index) };
    case 'Dropout':
    case 'SeededDropout':
      if (typeof config.rate !== 'number') throw cannotShow(index, '(Dropout) has no rate');
      return { type: 'dropout', rate: config.rate };
    case 'Flatten':
      return { type: 'flatten' };
    case 'GlobalAveragePooling2D':
      requireChannelsLast(config, index, className);
      return { type: 'globalAvgPool2d' };
    case 'BatchNormalization': {
      const axis = Array.isArray(config.axis) ? config.axis[0] : (config.axis ?? -1);
      if (axis !== -1 && axis !== 3) throw cannotShow(index, '(BatchNormalization) normalises another axis than the channels');
      if (config.center === false || config.scale === false) throw cannotShow(index, '(BatchNormalization) has no centre or scale');
      return { type: 'batchNorm' };
    }
    default:
      throw cannotShow(index, `is a ${className}`);
  }
}

function inputShapeOf(config: Config): unknown {
  if (Array.isArray(config.batch_input_shape)) return config.batch_input_shape;
  if (Array.isArray(config.batch_shape)) return config.batch_shape; // Keras 3
  if (Array.isArray(config.input_shape)) return [null, ...config.input_shape];
  return undefined;
}

function checkInputShape(shape: unknown) {
  const ok = Array.isArray(shape) && shape.length === 4 && shape[0] === null && shape[1] === IMAGE_SIZE && shape[2] === IMAGE_SIZE && shape[3] === 1;
  if (!ok) {
    throw new ModelFileError(
      `This model takes input of shape ${JSON.stringify(shape ?? 'unknown')}, not [null,28,28,1]: it was not made for 28×28 grayscale Fashion-MNIST images.`,
    );
  }
}

/**
 * The layers of a Sequential topology as LayerSpecs. Throws ModelFileError for a topology
 * this app cannot show; the input shape must be [null, 28, 28, 1].
 */
export function topologyToLayers(topology: unknown): LayerSpec[] {
  if (!isRecord(topology)) throw new ModelFileError('model.json has no model topology.');
  // tfjs writes {class_name, config}; some converters wrap it in {model_config: …}.
  const model = isRecord(topology.model_config) ? topology.model_config : topology;
  if (model.class_name !== 'Sequential') {
    throw new ModelFileError(`This is a ${String(model.class_name ?? 'unknown')} model: only Sequential models (one layer after another) can be shown here.`);
  }
  const config = model.config;
  const entries = Array.isArray(config) ? config : isRecord(config) && Array.isArray(config.layers) ? config.layers : null;
  if (!entries) throw new ModelFileError('model.json lists no layers.');
  const layers: LayerSpec[] = [];
  let inputShape: unknown;
  entries.forEach((entry: unknown, index) => {
    if (!isRecord(entry) || typeof entry.class_name !== 'string' || !isRecord(entry.config)) throw new ModelFileError(`Layer ${index + 1} in model.json is malformed.`);
    inputShape ??= inputShapeOf(entry.config);
    if (entry.class_name === 'InputLayer') return;
    layers.push(toLayerSpec(entry.class_name, entry.config, index));
  });
  checkInputShape(inputShape);
  return layers;
}
