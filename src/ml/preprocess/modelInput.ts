/**
 * Bytes -> model input. The preprocessed drawing must be scaled the way the model's
 * training data was (pixel / 255, or raw pixels for a 'raw255' model).
 */
import { IMAGE_PIXELS } from '../constants';
import { scalePixels, type InputScaling } from '../data/inputScaling';

/** 784 bytes (0..255) -> Float32Array(784) in [0, 1] ('unit') or [0, 255] ('raw255'), row-major 28x28. */
export function toModelInput(pixels: Uint8Array | Uint8ClampedArray, scaling: InputScaling): Float32Array {
  if (pixels.length !== IMAGE_PIXELS) {
    throw new RangeError(`Expected ${IMAGE_PIXELS} pixels, got ${pixels.length}.`);
  }
  return scalePixels(pixels, scaling);
}
