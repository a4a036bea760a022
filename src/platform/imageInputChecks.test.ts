import { describe, expect, it } from 'vitest';
import { checkSize, checkSniffed, checkVisible, decodeResizeWidth, fitWithin, MAX_DECODE_PIXELS, undecodableMessage } from './imageInputChecks';

const rgba = (width: number, height: number, alpha: number) => {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 3; i < data.length; i += 4) data[i] = alpha;
  return { width, height, data };
};

describe('checkSniffed', () => {
  it('passes readable images with their format and size', () => {
    expect(checkSniffed('a.png', { kind: 'image', format: 'png', size: { width: 10000, height: 10000 } })).toEqual({
      ok: true,
      format: 'png',
      size: { width: 10000, height: 10000 },
    });
    // Unknown size (odd header): decoding decides.
    expect(checkSniffed('a.jpg', { kind: 'image', format: 'jpeg', size: null })).toMatchObject({ ok: true, size: null });
  });

  it('gives each refusal its own message naming the file', () => {
    const message = (r: ReturnType<typeof checkSniffed>) => (r.ok ? '' : r.message);
    expect(message(checkSniffed('x.png', { kind: 'empty' }))).toMatch(/^“x\.png” is empty \(0 bytes\)/);
    expect(message(checkSniffed('logo.svg', { kind: 'svg' }))).toMatch(/“logo\.svg” is an SVG drawing.*export it as PNG/);
    expect(message(checkSniffed('a.tif', { kind: 'unsupportedImage', formatName: 'TIFF' }))).toMatch(/is a TIFF image, which this page cannot read/);
    expect(message(checkSniffed('notes.png', { kind: 'notImage', description: 'a text file' }))).toMatch(/“notes\.png” is not an image: it looks like a text file/);
    expect(message(checkSniffed('', { kind: 'notImage', description: 'a text file' }))).toMatch(/^The pasted item is not an image/);
  });

  it('refuses decompression bombs before decoding, but not 10000×10000', () => {
    const huge = { kind: 'image', format: 'png', size: { width: 50000, height: 50000 } } as const;
    const verdict = checkSniffed('bomb.png', huge);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.message).toMatch(/50000×50000 pixels \(2500 megapixels\), too large to decode safely/);
    expect(MAX_DECODE_PIXELS).toBeGreaterThan(10000 * 10000);
  });

  it('refuses images too small or too thin to show an item', () => {
    expect(checkSize('dot.png', { width: 1, height: 1 })).toMatch(/only 1×1 pixels: too small/);
    expect(checkSize('line.png', { width: 2000, height: 10 })).toMatch(/thin strip/);
    expect(checkSize('ok.png', { width: 28, height: 28 })).toBeNull();
    expect(checkSize('ok.png', { width: 8, height: 1 })).toBeNull();
    expect(checkSniffed('dot.gif', { kind: 'image', format: 'gif', size: { width: 1, height: 1 } }).ok).toBe(false);
  });

  it('says which format a damaged file claimed to be', () => {
    expect(undecodableMessage('broken.png', 'png')).toBe('“broken.png” looks like a PNG file but could not be decoded: it is probably damaged or incomplete.');
  });
});

describe('sizes for decoding', () => {
  it('fits within the working size without enlarging', () => {
    expect(fitWithin({ width: 10000, height: 5000 }, 512)).toEqual({ width: 512, height: 256 });
    expect(fitWithin({ width: 300, height: 400 }, 512)).toEqual({ width: 300, height: 400 });
    expect(fitWithin({ width: 5000, height: 40 }, 512)).toEqual({ width: 512, height: 4 });
  });

  it('asks the decoder to shrink big images so that either EXIF orientation stays within twice the working size', () => {
    expect(decodeResizeWidth(null)).toBeNull();
    expect(decodeResizeWidth({ width: 1000, height: 800 })).toBeNull();
    for (const size of [
      { width: 10000, height: 10000 },
      { width: 4000, height: 3000 },
      { width: 3000, height: 4000 },
      { width: 12000, height: 300 },
    ]) {
      const w = decodeResizeWidth(size)!;
      // Decoded as is: width w, height in proportion; rotated: the sides swap before resizing.
      const upright = Math.max(w, (w * size.height) / size.width);
      const rotated = Math.max(w, (w * size.width) / size.height);
      const aspect = Math.max(size.width, size.height) / Math.min(size.width, size.height);
      expect(Math.max(upright, rotated)).toBeLessThanOrEqual(1024);
      expect(Math.max(upright, rotated)).toBeGreaterThan(1024 - aspect); // within one pixel of the short side
    }
  });
});

describe('checkVisible', () => {
  it('refuses a fully transparent image and accepts one visible pixel', () => {
    const clear = rgba(16, 16, 0);
    expect(checkVisible('clear.png', clear)).toBe('“clear.png” is fully transparent: there is nothing to see in it.');
    clear.data[4 * 100 + 3] = 1;
    expect(checkVisible('clear.png', clear)).toBeNull();
    expect(checkVisible('opaque.png', rgba(4, 4, 255))).toBeNull();
  });
});
