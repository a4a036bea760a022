import { describe, expect, it } from 'vitest';
import { IMAGE_PIXELS, IMAGE_SIZE } from '../constants';
import { NO_AUGMENTATION } from '../model/spec';
import { createRng } from '../random';
import { augmentImageInto, augmentImages, isAugmenting } from './augment';

/** A 28×28 image with a single bright pixel at (x, y). */
function dot(x: number, y: number): Uint8Array {
  const image = new Uint8Array(IMAGE_PIXELS);
  image[y * IMAGE_SIZE + x] = 255;
  return image;
}

const brightAt = (image: Uint8Array) => {
  const i = image.findIndex((v) => v === 255);
  return { x: i % IMAGE_SIZE, y: Math.floor(i / IMAGE_SIZE) };
};

describe('augmentation', () => {
  it('does nothing when off', () => {
    const image = dot(3, 4);
    const out = new Uint8Array(IMAGE_PIXELS);
    augmentImageInto(image, 0, out, 0, NO_AUGMENTATION, createRng(1));
    expect(out).toEqual(image);
    expect(isAugmenting(NO_AUGMENTATION)).toBe(false);
    expect(isAugmenting({ ...NO_AUGMENTATION, erase: 0.1 })).toBe(true);
  });

  it('shifts by at most `shift` pixels in each direction, filling with background', () => {
    const rng = createRng(2);
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const out = new Uint8Array(IMAGE_PIXELS);
      augmentImageInto(dot(10, 10), 0, out, 0, { ...NO_AUGMENTATION, shift: 2 }, rng);
      const { x, y } = brightAt(out);
      expect(Math.abs(x - 10)).toBeLessThanOrEqual(2);
      expect(Math.abs(y - 10)).toBeLessThanOrEqual(2);
      expect(out.reduce((s, v) => s + v, 0)).toBe(255);
      seen.add(`${x},${y}`);
    }
    expect(seen.size).toBe(25);
    // A pixel shifted out of the frame is gone, not wrapped around.
    const out = new Uint8Array(IMAGE_PIXELS);
    const edge = dot(0, 0);
    let lost = 0;
    for (let i = 0; i < 50; i++) {
      augmentImageInto(edge, 0, out, 0, { ...NO_AUGMENTATION, shift: 1 }, rng);
      if (out.every((v) => v === 0)) lost++;
    }
    expect(lost).toBeGreaterThan(10);
  });

  it('flips about half of the images left-right', () => {
    const rng = createRng(3);
    let flipped = 0;
    for (let i = 0; i < 400; i++) {
      const out = new Uint8Array(IMAGE_PIXELS);
      augmentImageInto(dot(2, 5), 0, out, 0, { ...NO_AUGMENTATION, flip: true }, rng);
      const { x, y } = brightAt(out);
      expect(y).toBe(5);
      expect([2, 25]).toContain(x);
      if (x === 25) flipped++;
    }
    expect(flipped).toBeGreaterThan(160);
    expect(flipped).toBeLessThan(240);
  });

  it('erases a rectangle with noise with the given probability', () => {
    const rng = createRng(4);
    const white = new Uint8Array(IMAGE_PIXELS).fill(255);
    let erased = 0;
    for (let i = 0; i < 400; i++) {
      const out = new Uint8Array(IMAGE_PIXELS);
      augmentImageInto(white, 0, out, 0, { ...NO_AUGMENTATION, erase: 0.25 }, rng);
      const changed = out.filter((v) => v !== 255).length;
      if (changed > 0) {
        erased++;
        expect(changed).toBeLessThanOrEqual(0.31 * IMAGE_PIXELS);
      }
    }
    expect(erased).toBeGreaterThan(70);
    expect(erased).toBeLessThan(130);
  });

  it('is reproducible from the seed and reads the right images', () => {
    const images = new Uint8Array(3 * IMAGE_PIXELS);
    images.set(dot(5, 5), IMAGE_PIXELS * 2);
    const spec = { shift: 3, flip: true, erase: 0.5 };
    const a = augmentImages(images, [2, 0, 2], spec, createRng(9));
    expect(a).toEqual(augmentImages(images, [2, 0, 2], spec, createRng(9)));
    expect(a.length).toBe(3 * IMAGE_PIXELS);
    expect(a.subarray(IMAGE_PIXELS, 2 * IMAGE_PIXELS).some((v) => v === 255)).toBe(false);
  });
});
