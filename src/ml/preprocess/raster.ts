/**
 * Small raster helpers: construction, validation and conversion for display.
 */
import type { GrayRaster, Rect, RgbaRaster } from './types';

/** A zero-filled gray raster (values 0..255). */
export function createGray(width: number, height: number): GrayRaster {
  return { width, height, data: new Float32Array(width * height) };
}

/**
 * Throws a RangeError for malformed rasters (a programming error in the
 * caller, unlike an empty drawing, which is a normal outcome). Zero-sized
 * rasters are allowed and handled as empty.
 */
export function assertRgbaRaster(raster: RgbaRaster): void {
  const { width, height, data } = raster;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`Raster size must be non-negative integers, got ${width}x${height}.`);
  }
  if (data.length < width * height * 4) {
    throw new RangeError(
      `Raster ${width}x${height} needs ${width * height * 4} RGBA bytes, got ${data.length}.`,
    );
  }
}

/** Copies a rectangle out of a gray raster (the rectangle must lie inside it). */
export function cropGray(src: GrayRaster, rect: Rect): GrayRaster {
  const out = createGray(rect.width, rect.height);
  for (let y = 0; y < rect.height; y++) {
    const start = (rect.y + y) * src.width + rect.x;
    out.data.set(src.data.subarray(start, start + rect.width), y * rect.width);
  }
  return out;
}

/**
 * Expands a gray raster to opaque RGBA bytes (values rounded and clamped to
 * 0..255), e.g. `new ImageData(grayToRgba(step), step.width, step.height)`
 * to show a pipeline step on a canvas.
 */
export function grayToRgba(src: GrayRaster): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(new ArrayBuffer(src.width * src.height * 4));
  for (let i = 0; i < src.data.length; i++) {
    const v = src.data[i]; // Uint8ClampedArray rounds and clamps on store
    out[i * 4] = v;
    out[i * 4 + 1] = v;
    out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** Rounds and clamps a gray raster to bytes 0..255. */
export function grayToBytes(src: GrayRaster): Uint8Array {
  const out = new Uint8Array(src.data.length);
  for (let i = 0; i < src.data.length; i++) {
    out[i] = Math.min(255, Math.max(0, Math.round(src.data[i])));
  }
  return out;
}

/**
 * Scales values so the maximum becomes 255 (no-op for an all-zero raster).
 * Fashion-MNIST images are contrast-stretched this way: the brightest pixel is
 * 255 in 91.9 % of the test images and 254 in the rest, and in half of them
 * only a single pixel reaches that maximum.
 */
export function stretchToFullRange(src: GrayRaster): GrayRaster {
  let max = 0;
  for (const v of src.data) if (v > max) max = v;
  if (max <= 0) return src;
  const scale = 255 / max;
  const out = createGray(src.width, src.height);
  for (let i = 0; i < src.data.length; i++) out.data[i] = src.data[i] * scale;
  return out;
}
