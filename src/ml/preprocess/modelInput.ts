/**
 * Bytes -> model input. The training data is fed as pixel / 255, so the
 * preprocessed drawing must be scaled the same way.
 */
import { IMAGE_PIXELS } from '../constants';

/** 784 bytes (0..255) -> Float32Array(784) in [0, 1], row-major 28x28. */
export function toModelInput(pixels: Uint8Array | Uint8ClampedArray): Float32Array {
  if (pixels.length !== IMAGE_PIXELS) {
    throw new RangeError(`Expected ${IMAGE_PIXELS} pixels, got ${pixels.length}.`);
  }
  const out = new Float32Array(IMAGE_PIXELS);
  for (let i = 0; i < IMAGE_PIXELS; i++) out[i] = pixels[i] / 255;
  return out;
}
