import { describe, expect, it } from 'vitest';
import { imagesToSheet, pixelHash, sheetSize, sheetToImages } from './sprite';
import { decodeGrayPng, encodeGrayPng } from './pngCodec';

function randomImages(count: number, seed = 1): Uint8Array {
  const out = new Uint8Array(count * 784);
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe('sprite sheets', () => {
  it('computes the raster size, padding the last row', () => {
    expect(sheetSize({ count: 7, columns: 3 })).toEqual({ width: 84, height: 84 });
  });

  it('round-trips images through a sheet', () => {
    const layout = { count: 7, columns: 3 };
    const images = randomImages(7);
    const sheet = imagesToSheet(images, layout);
    // image 4 starts at column 1, row 1
    expect(sheet[28 * 84 + 28]).toBe(images[4 * 784]);
    expect(Array.from(sheetToImages(sheet, layout))).toEqual(Array.from(images));
  });

  it('reads every 4th byte of an RGBA read-back', () => {
    const layout = { count: 2, columns: 2 };
    const images = randomImages(2, 7);
    const gray = imagesToSheet(images, layout);
    const rgba = new Uint8ClampedArray(gray.length * 4);
    gray.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
    expect(Array.from(sheetToImages(rgba, layout, 4))).toEqual(Array.from(images));
  });

  it('round-trips through a lossless PNG', () => {
    const layout = { count: 5, columns: 2 };
    const images = randomImages(5, 3);
    const { width, height } = sheetSize(layout);
    const png = encodeGrayPng(imagesToSheet(images, layout), width, height);
    expect(Array.from(png.subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    const decoded = decodeGrayPng(png);
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(pixelHash(sheetToImages(decoded.pixels, layout))).toBe(pixelHash(images));
  });

  it('rejects a corrupt PNG', () => {
    const png = encodeGrayPng(new Uint8Array(28 * 28).fill(9), 28, 28);
    const corrupt = png.slice();
    corrupt[png.length - 20] ^= 0xff;
    expect(() => decodeGrayPng(corrupt)).toThrow();
    expect(() => decodeGrayPng(png.subarray(0, png.length / 2))).toThrow();
  });

  it('hashes deterministically and detects a one-bit change', () => {
    const a = randomImages(1);
    const b = a.slice();
    b[100] ^= 1;
    expect(pixelHash(a)).toBe(pixelHash(a.slice()));
    expect(pixelHash(a)).not.toBe(pixelHash(b));
    expect(pixelHash(new Uint8Array(0))).toBe('811c9dc5');
  });
});
