/**
 * The decisions about an uploaded file that need no browser: which files are
 * refused before decoding (and with which message), how small the decoded
 * copy is made, and which decoded pixels are still unusable. Pure, so the
 * messages are unit-tested; `imageFileDecoder.ts` runs them in the page.
 */
import type { RgbaRaster } from '../ml/preprocess';
import { FORMAT_LABELS, type ImageFormat, type PixelSize, type SniffResult } from './imageSniffer';

/** Longest side of the raster handed to the preprocessing (it reduces anything larger anyway). */
export const WORKING_MAX_SIDE = 512;
/**
 * Larger than this is refused before decoding: 16384² is the canvas area limit of
 * Chromium and Firefox, and decoding alone would need over 1 GB at 4 bytes per pixel.
 */
export const MAX_DECODE_PIXELS = 16384 * 16384;
/** Images whose longest side is shorter than this cannot show a recognisable item. */
export const MIN_IMAGE_SIDE = 8;
/** Longer-to-shorter side ratios above this are strips or lines, not pictures of an item. */
export const MAX_ASPECT_RATIO = 50;

export const SUPPORTED_FORMATS_TEXT = 'PNG, JPEG, WebP, GIF or BMP';

export type SniffVerdict =
  | { readonly ok: true; readonly format: ImageFormat; readonly size: PixelSize | null }
  | { readonly ok: false; readonly message: string };

const quoted = (name: string) => (name ? `“${name}”` : 'The pasted item');
const megapixels = (size: PixelSize) => `${Math.round((size.width * size.height) / 1e6)} megapixels`;

/** Refuses what cannot be decoded safely, before the browser decodes anything. */
export function checkSniffed(name: string, sniff: SniffResult): SniffVerdict {
  switch (sniff.kind) {
    case 'empty':
      return { ok: false, message: `${quoted(name)} is empty (0 bytes). Choose a ${SUPPORTED_FORMATS_TEXT} image.` };
    case 'svg':
      return {
        ok: false,
        message: `${quoted(name)} is an SVG drawing. SVG files are not read here (they have no fixed pixel size and can refer to other files); export it as PNG first.`,
      };
    case 'unsupportedImage':
      return { ok: false, message: `${quoted(name)} is a ${sniff.formatName} image, which this page cannot read. Convert it to ${SUPPORTED_FORMATS_TEXT}.` };
    case 'notImage':
      return { ok: false, message: `${quoted(name)} is not an image: it looks like ${sniff.description}. Choose a ${SUPPORTED_FORMATS_TEXT} image.` };
    case 'image':
      break;
  }
  const { format, size } = sniff;
  if (size) {
    if (size.width * size.height > MAX_DECODE_PIXELS) {
      return {
        ok: false,
        message: `${quoted(name)} is ${size.width}×${size.height} pixels (${megapixels(size)}), too large to decode safely in a browser tab. Use an image of at most ${megapixels({ width: 16384, height: 16384 })}.`,
      };
    }
    const tooSmall = checkSize(name, size);
    if (tooSmall) return { ok: false, message: tooSmall };
  }
  return { ok: true, format, size };
}

/** A message if an image of this size is too small or too thin to classify, else null. */
export function checkSize(name: string, size: PixelSize): string | null {
  const longest = Math.max(size.width, size.height);
  if (longest < MIN_IMAGE_SIDE) {
    return `${quoted(name)} is only ${size.width}×${size.height} pixels: too small to show a clothing item. Use an image at least ${MIN_IMAGE_SIDE} pixels across.`;
  }
  if (longest > MAX_ASPECT_RATIO * Math.min(size.width, size.height)) {
    return `${quoted(name)} is ${size.width}×${size.height} pixels: a thin strip, not a picture of a clothing item.`;
  }
  return null;
}

/** Message for a file whose header looked right but that the browser could not decode. */
export function undecodableMessage(name: string, format: ImageFormat): string {
  return `${quoted(name)} looks like a ${FORMAT_LABELS[format]} file but could not be decoded: it is probably damaged or incomplete.`;
}

/** `size` scaled to fit in `maxSide` (never enlarged), each side at least 1 pixel. */
export function fitWithin(size: PixelSize, maxSide: number): PixelSize {
  const scale = Math.min(1, maxSide / Math.max(size.width, size.height));
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

/**
 * The `resizeWidth` to ask `createImageBitmap` for, so that a big image is never
 * held at full size; null when no shrinking is needed. Only the width is given
 * (the browser keeps the aspect ratio): a JPEG's EXIF orientation may swap its
 * sides, so the header's width could be either side of the decoded image. Using
 * the shorter side bounds both outcomes by `2 * maxSide`.
 */
export function decodeResizeWidth(size: PixelSize | null, maxSide = WORKING_MAX_SIDE): number | null {
  if (!size) return null;
  const limit = 2 * maxSide;
  const longest = Math.max(size.width, size.height);
  if (longest <= limit) return null;
  return Math.max(1, Math.floor((Math.min(size.width, size.height) * limit) / longest));
}

/** A message if nothing in the decoded pixels is visible (alpha 0 everywhere), else null. */
export function checkVisible(name: string, raster: RgbaRaster): string | null {
  const { data } = raster;
  for (let i = 3; i < raster.width * raster.height * 4; i += 4) if (data[i] !== 0) return null;
  return `${quoted(name)} is fully transparent: there is nothing to see in it.`;
}
