/**
 * Uploaded file (or pasted/dropped blob) -> a small RGBA raster, entirely in this tab:
 * the bytes go to `createImageBitmap` and a canvas, never to the network.
 * The type is decided by magic bytes; huge images are shrunk while decoding so the
 * full-size pixels are never kept, and every refusal is an `ImageInputError` whose
 * message can be shown as is.
 */
import {
  checkSize,
  checkSniffed,
  checkVisible,
  decodeResizeWidth,
  fitWithin,
  undecodableMessage,
  WORKING_MAX_SIDE,
} from './imageInputChecks';
import { FORMAT_MIME, SNIFF_BYTES, sniffImage, type ImageFormat, type PixelSize } from './imageSniffer';

/** A refusal with a message meant for the person who chose the file. */
export class ImageInputError extends Error {
  override readonly name = 'ImageInputError';
}

export interface DecodedImage {
  /** Opaque or transparent RGBA pixels, at most `WORKING_MAX_SIDE` on the longest side. */
  readonly raster: ImageData;
  readonly format: ImageFormat;
  /** Size of the image in the file (after EXIF orientation, when the browser applies it). */
  readonly originalSize: PixelSize;
  readonly byteLength: number;
}

async function toBitmap(blob: Blob, resizeWidth: number | null): Promise<ImageBitmap> {
  const options: ImageBitmapOptions = { imageOrientation: 'from-image', premultiplyAlpha: 'none' };
  if (resizeWidth !== null) Object.assign(options, { resizeWidth, resizeQuality: 'medium' });
  return createImageBitmap(blob, options);
}

function readPixels(bitmap: ImageBitmap, size: PixelSize): ImageData {
  const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(size.width, size.height) : Object.assign(document.createElement('canvas'), size);
  const context = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!context) throw new ImageInputError('This browser could not create a canvas to read the image.');
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  return context.getImageData(0, 0, size.width, size.height);
}

/**
 * Decodes `blob` (PNG, JPEG, WebP, GIF (first frame) or BMP) into an RGBA raster
 * no larger than `WORKING_MAX_SIDE`. `name` is used in messages ('' for a pasted image).
 * Throws `ImageInputError` for anything that is not a usable image.
 */
export async function decodeImageFile(blob: Blob, name: string): Promise<DecodedImage> {
  const head = new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
  const verdict = checkSniffed(name, sniffImage(head));
  if (!verdict.ok) throw new ImageInputError(verdict.message);
  const { format } = verdict;

  // A blob of the right type: the browser then trusts the bytes, whatever the file was called.
  const typed = new Blob([blob], { type: FORMAT_MIME[format] });
  let bitmap: ImageBitmap;
  try {
    bitmap = await toBitmap(typed, decodeResizeWidth(verdict.size));
  } catch {
    throw new ImageInputError(undecodableMessage(name, format));
  }
  try {
    if (bitmap.width === 0 || bitmap.height === 0) throw new ImageInputError(undecodableMessage(name, format));
    // The header size is the truth for messages; the bitmap may already be shrunk.
    const originalSize = verdict.size ?? { width: bitmap.width, height: bitmap.height };
    const tooSmall = checkSize(name, originalSize);
    if (tooSmall) throw new ImageInputError(tooSmall);
    const raster = readPixels(bitmap, fitWithin({ width: bitmap.width, height: bitmap.height }, WORKING_MAX_SIDE));
    const invisible = checkVisible(name, raster);
    if (invisible) throw new ImageInputError(invisible);
    return { raster, format, originalSize, byteLength: blob.size };
  } finally {
    bitmap.close();
  }
}
