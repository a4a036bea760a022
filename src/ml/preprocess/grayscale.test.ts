import { describe, expect, it } from 'vitest';
import { fillRect, solid } from './fixtures/rasters';
import { reductionFactor, toGrayscale } from './grayscale';

describe('grayscale (step 1)', () => {
  it('uses BT.601 luma', () => {
    const { raster, info } = toGrayscale(solid(2, 1, [255, 0, 0, 255]), 512);
    expect(raster.data[0]).toBeCloseTo(0.299 * 255, 3);
    expect(info).toEqual({ compositeOver: null, reduction: 1 });
  });

  it('composites dark content over white and light content over black', () => {
    const dark = solid(10, 10, [0, 0, 0, 0]);
    fillRect(dark, 2, 2, 3, 3, [0, 0, 0, 255]);
    const d = toGrayscale(dark, 512);
    expect(d.info.compositeOver).toBe(255);
    expect(d.raster.data[0]).toBe(255);
    expect(d.raster.data[3 * 10 + 3]).toBe(0);

    const light = solid(10, 10, [0, 0, 0, 0]);
    fillRect(light, 2, 2, 3, 3, [255, 255, 255, 255]);
    const l = toGrayscale(light, 512);
    expect(l.info.compositeOver).toBe(0);
    expect(l.raster.data[0]).toBe(0);
    expect(l.raster.data[3 * 10 + 3]).toBe(255);
  });

  it('blends half-transparent pixels with the backdrop', () => {
    const r = solid(4, 4, [0, 0, 0, 0]);
    fillRect(r, 0, 0, 1, 1, [0, 0, 0, 128]);
    expect(toGrayscale(r, 512).raster.data[0]).toBeCloseTo(255 * (1 - 128 / 255), 3);
  });

  it('reduces big inputs by an integer box average, never above maxSide', () => {
    expect(reductionFactor(10000, 10000, 512)).toBe(20);
    expect(reductionFactor(512, 100, 512)).toBe(1);
    expect(reductionFactor(513, 100, 512)).toBe(2);
    const big = solid(1030, 700, [255, 255, 255, 255]);
    fillRect(big, 0, 0, 515, 700, [0, 0, 0, 255]); // left half black
    const { raster, info } = toGrayscale(big, 512);
    expect(info.reduction).toBe(3);
    expect([raster.width, raster.height]).toEqual([344, 234]); // ceil(1030/3), ceil(700/3)
    expect(raster.data[0]).toBe(0);
    expect(raster.data[171]).toBeCloseTo(255 / 3, 3); // block 171 = columns 513..515: two black, one white
    expect(raster.data[343]).toBe(255); // partial edge block (1030 = 343*3 + 1) averages only its 1 column
  });

  it('rejects malformed rasters but accepts zero-sized ones', () => {
    expect(() => toGrayscale({ width: 2, height: 2, data: new Uint8Array(15) }, 512)).toThrow(RangeError);
    expect(() => toGrayscale({ width: 1.5, height: 2, data: new Uint8Array(16) }, 512)).toThrow(RangeError);
    expect(toGrayscale({ width: 0, height: 0, data: new Uint8Array(0) }, 512).raster.data).toHaveLength(0);
  });
});
