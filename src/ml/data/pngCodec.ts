/**
 * Pure-JS PNG codec for grayscale sheets (fast-png). The data script encodes with it;
 * the page uses it as the exact fallback when canvas read-back alters pixels.
 */
import { decode, encode } from 'fast-png';

/** Encodes an 8-bit grayscale raster (width*height bytes) losslessly. */
export function encodeGrayPng(pixels: Uint8Array, width: number, height: number): Uint8Array {
  return encode({ width, height, data: pixels, channels: 1, depth: 8 }, { zlib: { level: 9 } });
}

/**
 * Decodes a PNG into one byte per pixel (the first channel). Throws on corrupt or
 * truncated input (fast-png checks the zlib stream; CRC errors surface as exceptions).
 */
export function decodeGrayPng(bytes: Uint8Array): { pixels: Uint8Array; width: number; height: number } {
  const png = decode(bytes, { checkCrc: true });
  if (png.depth !== 8) throw new Error(`expected an 8-bit PNG, got ${png.depth}-bit`);
  const { width, height, channels } = png;
  const data = png.data as Uint8Array;
  if (channels === 1) return { pixels: data.subarray(0, width * height), width, height };
  const pixels = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < pixels.length; i++, j += channels) pixels[i] = data[j];
  return { pixels, width, height };
}
