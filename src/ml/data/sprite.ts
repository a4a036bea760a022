/**
 * Sprite sheets: many 28×28 images tiled row-major into one grayscale raster, so a
 * split travels as a few PNG files. Image i sits at column i % columns, row ⌊i / columns⌋.
 */
import { IMAGE_PIXELS, IMAGE_SIZE } from '../constants';

export interface SheetLayout {
  /** Images in this sheet. */
  readonly count: number;
  /** Tiles per row. */
  readonly columns: number;
}

export function sheetSize(layout: SheetLayout): { width: number; height: number } {
  const rows = Math.ceil(layout.count / layout.columns);
  return { width: layout.columns * IMAGE_SIZE, height: rows * IMAGE_SIZE };
}

/**
 * Tiles `layout.count` images (count*784 bytes, dataset order) into a raster of
 * width*height bytes; unused tiles stay 0.
 */
export function imagesToSheet(images: Uint8Array, layout: SheetLayout): Uint8Array {
  if (images.length !== layout.count * IMAGE_PIXELS) {
    throw new Error(`expected ${layout.count * IMAGE_PIXELS} bytes, got ${images.length}`);
  }
  const { width, height } = sheetSize(layout);
  const sheet = new Uint8Array(width * height);
  for (let i = 0; i < layout.count; i++) {
    const x0 = (i % layout.columns) * IMAGE_SIZE;
    const y0 = Math.floor(i / layout.columns) * IMAGE_SIZE;
    for (let y = 0; y < IMAGE_SIZE; y++) {
      const src = i * IMAGE_PIXELS + y * IMAGE_SIZE;
      sheet.set(images.subarray(src, src + IMAGE_SIZE), (y0 + y) * width + x0);
    }
  }
  return sheet;
}

/**
 * Inverse of imagesToSheet. `sheet` holds one byte per pixel, or `stride` bytes per
 * pixel (e.g. 4 for RGBA read back from a canvas, taking the first channel).
 * Returns count*784 bytes in dataset order, values 0..255.
 */
export function sheetToImages(sheet: ArrayLike<number>, layout: SheetLayout, stride = 1): Uint8Array {
  const { width, height } = sheetSize(layout);
  if (sheet.length !== width * height * stride) {
    throw new Error(`sheet has ${sheet.length} values, layout needs ${width * height * stride}`);
  }
  const images = new Uint8Array(layout.count * IMAGE_PIXELS);
  for (let i = 0; i < layout.count; i++) {
    const x0 = (i % layout.columns) * IMAGE_SIZE;
    const y0 = Math.floor(i / layout.columns) * IMAGE_SIZE;
    let dst = i * IMAGE_PIXELS;
    for (let y = 0; y < IMAGE_SIZE; y++) {
      let src = ((y0 + y) * width + x0) * stride;
      for (let x = 0; x < IMAGE_SIZE; x++, src += stride) images[dst++] = sheet[src];
    }
  }
  return images;
}

/**
 * FNV-1a 32-bit hash as 8 hex digits. Cheap, synchronous and available everywhere
 * (crypto.subtle is not, e.g. on plain-http LAN addresses); used to check that decoded
 * pixels equal the dataset's exactly, not as a security measure.
 */
export function pixelHash(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
