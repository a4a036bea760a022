import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { sniffImage } from './imageSniffer';

const bytes = (...parts: (number[] | string | Uint8Array)[]) => {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === 'string') for (const c of part) out.push(c.charCodeAt(0));
    else out.push(...part);
  }
  return new Uint8Array(out);
};
const le16 = (v: number) => [v & 0xff, (v >> 8) & 0xff];
const le24 = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff];
const le32 = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
const be16 = (v: number) => [(v >> 8) & 0xff, v & 0xff];
const text = (s: string) => new TextEncoder().encode(s);

function jpeg(width: number, height: number, { exifBytes = 0, sofMarker = 0xc0 } = {}): Uint8Array {
  const app0 = [0xff, 0xe0, ...be16(16), ...text('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const app1 = exifBytes > 0 ? [0xff, 0xe1, ...be16(exifBytes + 2), ...new Array<number>(exifBytes).fill(0x11)] : [];
  const dqt = [0xff, 0xdb, ...be16(4), 0, 0];
  const sof = [0xff, sofMarker, ...be16(11), 8, ...be16(height), ...be16(width), 1, 1, 0x11, 0];
  return bytes([0xff, 0xd8], app0, app1, dqt, [0xff, 0xff], sof, [0xff, 0xda, 0, 2]);
}

describe('sniffImage', () => {
  it('reads PNG sizes from a real encoded PNG', () => {
    const png = encode({ width: 300, height: 120, data: new Uint8Array(300 * 120), channels: 1, depth: 8 });
    expect(sniffImage(png)).toEqual({ kind: 'image', format: 'png', size: { width: 300, height: 120 } });
  });

  it('reports an unreadable size for a PNG cut off inside its header', () => {
    const png = encode({ width: 4, height: 4, data: new Uint8Array(16), channels: 1, depth: 8 });
    expect(sniffImage(png.subarray(0, 20))).toEqual({ kind: 'image', format: 'png', size: null });
  });

  it('finds the JPEG frame header after other segments, including a large EXIF block', () => {
    expect(sniffImage(jpeg(640, 480))).toEqual({ kind: 'image', format: 'jpeg', size: { width: 640, height: 480 } });
    expect(sniffImage(jpeg(10000, 7500, { exifBytes: 60_000 }))).toEqual({ kind: 'image', format: 'jpeg', size: { width: 10000, height: 7500 } });
    // Progressive JPEGs use SOF2.
    expect(sniffImage(jpeg(33, 44, { sofMarker: 0xc2 }))).toMatchObject({ size: { width: 33, height: 44 } });
  });

  it('does not mistake a Huffman table (FFC4) for a frame header, and gives up on garbage', () => {
    const dht = [0xff, 0xc4, ...be16(6), 9, 9, 9, 9];
    const withDht = bytes([0xff, 0xd8], dht, [0xff, 0xc0, ...be16(11), 8, ...be16(20), ...be16(30), 1, 1, 0x11, 0]);
    expect(sniffImage(withDht)).toMatchObject({ size: { width: 30, height: 20 } });
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3]))).toEqual({ kind: 'image', format: 'jpeg', size: null });
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toMatchObject({ size: null });
  });

  it('reads GIF logical screen sizes', () => {
    expect(sniffImage(bytes('GIF89a', le16(500), le16(20), [0, 0, 0]))).toEqual({ kind: 'image', format: 'gif', size: { width: 500, height: 20 } });
    expect(sniffImage(bytes('GIF87a', le16(1), le16(1)))).toMatchObject({ format: 'gif', size: { width: 1, height: 1 } });
  });

  it('reads all three WebP variants', () => {
    const riff = (chunk: string, payload: number[]) => bytes('RIFF', le32(4 + 8 + payload.length), 'WEBP', chunk, le32(payload.length), payload);
    const lossy = riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(321), ...le16(123), 0, 0]);
    expect(sniffImage(lossy)).toEqual({ kind: 'image', format: 'webp', size: { width: 321, height: 123 } });
    const bits = (800 - 1) | ((600 - 1) << 14);
    const lossless = riff('VP8L', [0x2f, ...le32(bits), 0, 0, 0, 0, 0]);
    expect(sniffImage(lossless)).toMatchObject({ size: { width: 800, height: 600 } });
    const extended = riff('VP8X', [0, 0, 0, 0, ...le24(10000 - 1), ...le24(9000 - 1), 0, 0]);
    expect(sniffImage(extended)).toMatchObject({ size: { width: 10000, height: 9000 } });
  });

  it('reads BMP sizes, top-down and OS/2 headers included', () => {
    const bmp = (dib: number[]) => bytes('BM', le32(0), le32(0), le32(54), dib);
    expect(sniffImage(bmp([...le32(40), ...le32(64), ...le32(-48 >>> 0), 1, 0, 24, 0]))).toEqual({ kind: 'image', format: 'bmp', size: { width: 64, height: 48 } });
    expect(sniffImage(bmp([...le32(12), ...le16(7), ...le16(9), 1, 0, 24, 0, 0, 0, 0, 0]))).toMatchObject({ size: { width: 7, height: 9 } });
    // "BM" at the start of a text file is not a bitmap.
    expect(sniffImage(text('BMW owners club newsletter, issue 4'))).toEqual({ kind: 'notImage', description: 'a text file' });
  });

  it('recognises SVG in its usual spellings, whatever the name or MIME type says', () => {
    expect(sniffImage(text('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ kind: 'svg' });
    expect(sniffImage(text('\ufeff  \n<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg>'))).toEqual({ kind: 'svg' });
    expect(sniffImage(text('<!-- Generator: Illustrator -->\n<SVG width="10">'))).toEqual({ kind: 'svg' });
  });

  it('names common non-images', () => {
    expect(sniffImage(new Uint8Array(0))).toEqual({ kind: 'empty' });
    expect(sniffImage(text('%PDF-1.7\n'))).toEqual({ kind: 'notImage', description: 'a PDF document' });
    expect(sniffImage(bytes([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toMatchObject({ description: expect.stringContaining('ZIP') });
    expect(sniffImage(text('<!DOCTYPE html><html></html>'))).toMatchObject({ description: 'a web page (HTML)' });
    expect(sniffImage(text('Just some notes.\nNot a picture.'))).toEqual({ kind: 'notImage', description: 'a text file' });
    expect(sniffImage(bytes([0, 1, 2, 3, 4, 5, 6, 7, 8]))).toEqual({ kind: 'notImage', description: 'a file of an unknown kind' });
    expect(sniffImage(bytes([0, 0, 0, 0x18], 'ftypmp42', [0, 0]))).toMatchObject({ kind: 'notImage' });
  });

  it('names image formats the page cannot read', () => {
    expect(sniffImage(bytes([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]))).toEqual({ kind: 'unsupportedImage', formatName: 'TIFF' });
    expect(sniffImage(bytes([0, 0, 0, 0x1c], 'ftypheic', [0, 0, 0, 0]))).toEqual({ kind: 'unsupportedImage', formatName: 'HEIC' });
    expect(sniffImage(bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0]))).toEqual({ kind: 'unsupportedImage', formatName: 'AVIF' });
  });
});
