import { describe, expect, it } from 'vitest';
import { IMAGE_PIXELS } from '../constants';
import { shiftImages } from './shift';

describe('shiftImages', () => {
  it('moves every row right by dx and fills the emptied columns with background', () => {
    const images = new Uint8Array(2 * IMAGE_PIXELS).map((_, i) => (i % 28) + 1);
    const out = shiftImages(images, 2, 3);
    expect(Array.from(out.subarray(0, 6))).toEqual([0, 0, 0, 1, 2, 3]);
    expect(out[IMAGE_PIXELS + 28 + 27]).toBe(25);
    expect(Array.from(shiftImages(images, 1, -2).subarray(24, 28))).toEqual([27, 28, 0, 0]);
  });
});

