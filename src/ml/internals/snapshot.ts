/**
 * One full internals update for one image: every layer's activations, the heat map for
 * the chosen (or predicted) class, and the requested convolution filters, all from the
 * live model. Creates and disposes its own input tensor; leaves no tensors behind.
 */
import * as tf from '@tensorflow/tfjs';
import { argMax, extractActivations, type Activations } from './activations';
import { computeAttention, type AttentionMap, type AttentionMethod } from './attention';
import { readConvFilters, type ConvFilters } from './filters';
import { inputShapeOf, lastConvIndex } from './forward';
import { scalePixels, type InputScaling } from '../data/inputScaling';

export interface InternalsRequest {
  /** The image as bytes 0..255, h*w*c of the model's input (784 for Fashion-MNIST). */
  readonly pixels: Uint8Array;
  /** Class to explain in the heat map; null = the class the network predicts. */
  readonly attentionClass: number | null;
  readonly attentionMethod: AttentionMethod;
  /** Conv layers whose filters to read (e.g. only the first one while training). */
  readonly filterLayers: readonly string[];
}

export interface InternalsSnapshot {
  readonly activations: Activations;
  /** Argmax of the last layer's output. */
  readonly predicted: number;
  /** Saliency instead of the requested Grad-CAM when the model has no convolution (attention.method tells which). */
  readonly attention: AttentionMap;
  readonly filters: readonly ConvFilters[];
  /** Wall time of the whole update, in milliseconds (compute and read-back). */
  readonly millis: number;
}

/**
 * Bytes 0..255 -> a [1, h, w, c] float tensor scaled as the network was trained: in [0, 1]
 * (divided by 255) or, for 'raw255', in [0, 255]. The caller disposes it.
 */
export function pixelsToInput(model: tf.LayersModel, pixels: Uint8Array, scaling: InputScaling): tf.Tensor4D {
  const [h, w, c] = inputShapeOf(model);
  if (pixels.length !== h * w * c) throw new RangeError(`expected ${h * w * c} pixel bytes (${h}×${w}×${c}), got ${pixels.length}`);
  return tf.tensor4d(scalePixels(pixels, scaling), [1, h, w, c]);
}

/** `scaling`: how this model is fed (its own setting, from its spec; never the page's choice). */
export async function computeInternals(model: tf.LayersModel, request: InternalsRequest, scaling: InputScaling): Promise<InternalsSnapshot> {
  const started = performance.now();
  const input = pixelsToInput(model, request.pixels, scaling);
  try {
    const activations = await extractActivations(model, input);
    const output = activations.layers[activations.layers.length - 1].values;
    const predicted = argMax(output);
    const method = request.attentionMethod === 'grad-cam' && lastConvIndex(model) < 0 ? 'saliency' : request.attentionMethod;
    const attention = await computeAttention(model, input, request.attentionClass ?? predicted, method);
    const filters = await Promise.all(request.filterLayers.map((name) => readConvFilters(model, name)));
    return { activations, predicted, attention, filters, millis: performance.now() - started };
  } finally {
    input.dispose();
  }
}
