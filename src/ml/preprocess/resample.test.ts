import { describe, expect, it } from 'vitest';
import { createGray } from './raster';
import { resizeGray } from './resample';
import type { GrayRaster } from './types';

function fromRows(rows: number[][]): GrayRaster {
  const r = createGray(rows[0].length, rows.length);
  rows.flat().forEach((v, i) => (r.data[i] = v));
  return r;
}
const mean = (r: GrayRaster) => r.data.reduce((a, b) => a + b, 0) / r.data.length;

describe('resizeGray', () => {
  it('is an exact block mean for integer factors', () => {
    const src = fromRows([
      [0, 255, 10, 10],
      [255, 0, 10, 10],
    ]);
    expect(Array.from(resizeGray(src, 2, 1).data)).toEqual([127.5, 10]);
  });

  it('is the identity at the same size', () => {
    const src = fromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(Array.from(resizeGray(src, 3, 2).data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('conserves the mean and range for non-integer downscales', () => {
    const src = createGray(97, 61);
    for (let i = 0; i < src.data.length; i++) src.data[i] = (i * 7919) % 256;
    const out = resizeGray(src, 28, 17);
    expect(mean(out)).toBeCloseTo(mean(src), 0);
    expect(Math.min(...out.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...out.data)).toBeLessThanOrEqual(255);
  });

  it('keeps a 1 px line (fainter) when shrinking 10x, instead of skipping it', () => {
    const src = createGray(100, 100);
    for (let y = 0; y < 100; y++) src.data[y * 100 + 53] = 255;
    const out = resizeGray(src, 10, 10);
    expect(out.data[5]).toBeCloseTo(25.5, 3); // 1 of the 10 columns in block 5
  });

  it('upscales bilinearly, a single pixel to a constant', () => {
    expect(Array.from(resizeGray(fromRows([[200]]), 3, 2).data)).toEqual([200, 200, 200, 200, 200, 200]);
    const ramp = resizeGray(fromRows([[0, 100]]), 4, 1);
    expect(Array.from(ramp.data)).toEqual([0, 25, 75, 100]);
  });

  it('rejects bad sizes', () => {
    expect(() => resizeGray(createGray(2, 2), 0, 1)).toThrow(RangeError);
    expect(() => resizeGray(createGray(0, 0), 1, 1)).toThrow(RangeError);
  });
});
