/**
 * Data augmentation on the raw bytes, drawn from a seeded RNG so a run can be repeated:
 * random shifts (emptied pixels become background 0), horizontal flips, and random erasing
 * (Zhong et al. 2017: a random rectangle replaced by noise). Used by the trainer and by the
 * editor's live preview, so the preview shows exactly what the network sees.
 */
import { IMAGE_PIXELS, IMAGE_SIZE } from '../constants';
import type { AugmentationSpec } from '../model/spec';

/** Erased area as a fraction of the image, and the rectangle's height/width ratio range. */
const ERASE_AREA: [number, number] = [0.02, 0.3];
const ERASE_ASPECT: [number, number] = [0.3, 3.3];

export function isAugmenting(spec: AugmentationSpec | undefined): spec is AugmentationSpec {
  return !!spec && (spec.shift > 0 || spec.flip || spec.erase > 0);
}

/**
 * Writes an augmented copy of the 28×28 image at images[srcOffset…+784) to
 * out[outOffset…+784) (bytes 0..255). Draws from `rng` only for the enabled transforms.
 */
export function augmentImageInto(images: Uint8Array, srcOffset: number, out: Uint8Array, outOffset: number, spec: AugmentationSpec, rng: () => number): void {
  const flip = spec.flip && rng() < 0.5;
  const dx = spec.shift > 0 ? Math.floor(rng() * (2 * spec.shift + 1)) - spec.shift : 0;
  const dy = spec.shift > 0 ? Math.floor(rng() * (2 * spec.shift + 1)) - spec.shift : 0;
  for (let y = 0; y < IMAGE_SIZE; y++) {
    const sy = y - dy;
    for (let x = 0; x < IMAGE_SIZE; x++) {
      const shifted = x - dx;
      const sx = flip ? IMAGE_SIZE - 1 - shifted : shifted;
      const inside = sy >= 0 && sy < IMAGE_SIZE && sx >= 0 && sx < IMAGE_SIZE;
      out[outOffset + y * IMAGE_SIZE + x] = inside ? images[srcOffset + sy * IMAGE_SIZE + sx] : 0;
    }
  }
  if (spec.erase > 0 && rng() < spec.erase) {
    const area = (ERASE_AREA[0] + rng() * (ERASE_AREA[1] - ERASE_AREA[0])) * IMAGE_PIXELS;
    const aspect = Math.exp(Math.log(ERASE_ASPECT[0]) + rng() * (Math.log(ERASE_ASPECT[1]) - Math.log(ERASE_ASPECT[0])));
    const h = Math.min(IMAGE_SIZE, Math.max(1, Math.round(Math.sqrt(area * aspect))));
    const w = Math.min(IMAGE_SIZE, Math.max(1, Math.round(Math.sqrt(area / aspect))));
    const top = Math.floor(rng() * (IMAGE_SIZE - h + 1));
    const left = Math.floor(rng() * (IMAGE_SIZE - w + 1));
    for (let y = top; y < top + h; y++) {
      for (let x = left; x < left + w; x++) out[outOffset + y * IMAGE_SIZE + x] = Math.floor(rng() * 256);
    }
  }
}

/** Augmented copies of the images at `indices`: n×784 bytes, row-major. */
export function augmentImages(images: Uint8Array, indices: ArrayLike<number>, spec: AugmentationSpec, rng: () => number): Uint8Array {
  const out = new Uint8Array(indices.length * IMAGE_PIXELS);
  for (let i = 0; i < indices.length; i++) augmentImageInto(images, indices[i] * IMAGE_PIXELS, out, i * IMAGE_PIXELS, spec, rng);
  return out;
}
