/** Whole images moved sideways, for asking how a network copes with a shifted garment. */
import { IMAGE_PIXELS, IMAGE_SIZE } from '../constants';

/**
 * Copies of `count` images starting at index 0 of `images` (n×784 bytes 0..255), each moved
 * `dx` pixels right (negative: left); the columns it leaves are background (0).
 */
export function shiftImages(images: Uint8Array, count: number, dx: number): Uint8Array {
  const out = new Uint8Array(count * IMAGE_PIXELS);
  for (let i = 0; i < count; i++) {
    const base = i * IMAGE_PIXELS;
    for (let y = 0; y < IMAGE_SIZE; y++) {
      for (let x = 0; x < IMAGE_SIZE; x++) {
        const sx = x - dx;
        if (sx >= 0 && sx < IMAGE_SIZE) out[base + y * IMAGE_SIZE + x] = images[base + y * IMAGE_SIZE + sx];
      }
    }
  }
  return out;
}
