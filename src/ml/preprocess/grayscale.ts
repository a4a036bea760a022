/**
 * Step 1: RGBA -> gray (luma), compositing transparency, and reducing huge
 * inputs in the same single pass.
 *
 * Alpha: transparent pixels must end up as *background*. Compositing over a
 * fixed white would make white strokes on a transparent canvas vanish (and a
 * fixed black would hide black strokes), so the backdrop is chosen to contrast
 * with the visible content: if the alpha-weighted mean luma of the content is
 * dark (< 128) it is composited over white (255), otherwise over black (0).
 * A product cut-out with a transparent background therefore becomes the item
 * on white, which is exactly what Fashion-MNIST's source photos looked like.
 *
 * Size: a 10000x10000 RGBA input is 400 MB; it is never copied at full size.
 * Pixels are box-averaged in k x k blocks (k = ceil(longest side /
 * maxInputSide)) while being read, so memory is proportional to the reduced
 * raster. Reading every input byte is still O(width*height); the browser
 * adapter should therefore downscale on a canvas (drawImage onto a canvas of
 * at most maxInputSide) before calling getImageData, which is both faster
 * (GPU) and avoids allocating the full-size ImageData at all.
 */
import { assertRgbaRaster, createGray } from './raster';
import type { GrayRaster, GrayscaleInfo, RgbaRaster } from './types';

/** ITU-R BT.601 luma weights (the common "grayscale" used by PIL, canvas demos, ...). */
const LUMA_R = 0.299;
const LUMA_G = 0.587;
const LUMA_B = 0.114;

/** Integer block factor needed to bring the longest side to <= maxSide (>= 1). */
export function reductionFactor(width: number, height: number, maxSide: number): number {
  if (!(maxSide >= 1)) throw new RangeError(`maxInputSide must be >= 1, got ${maxSide}.`);
  return Math.max(1, Math.ceil(Math.max(width, height) / Math.floor(maxSide)));
}

export interface GrayscaleOutput {
  readonly raster: GrayRaster;
  readonly info: GrayscaleInfo;
}

/**
 * Converts RGBA (0..255 per channel) to gray 0..255, with transparent pixels
 * composited over a contrasting backdrop, reduced so that neither side exceeds
 * `maxSide`. Edge blocks that are only partly inside the image average just
 * the pixels they contain.
 */
export function toGrayscale(input: RgbaRaster, maxSide: number): GrayscaleOutput {
  assertRgbaRaster(input);
  const { width, height, data } = input;
  const k = reductionFactor(width, height, maxSide);
  const outW = Math.ceil(width / k);
  const outH = Math.ceil(height / k);

  // Per output block: sum of luma*alpha, sum of alpha (alpha in 0..1), pixel count.
  // Float64 because a block can hold up to k*k = millions of pixels.
  const lumaAlpha = new Float64Array(outW * outH);
  const alpha = new Float64Array(outW * outH);
  let totalLumaAlpha = 0;
  let totalAlpha = 0;

  for (let y = 0; y < height; y++) {
    const rowOut = Math.floor(y / k) * outW;
    let p = y * width * 4;
    for (let x = 0; x < width; x++, p += 4) {
      const a = data[p + 3] / 255;
      if (a === 0) continue; // contributes only backdrop, added below
      const luma = LUMA_R * data[p] + LUMA_G * data[p + 1] + LUMA_B * data[p + 2];
      const o = rowOut + Math.floor(x / k);
      lumaAlpha[o] += luma * a;
      alpha[o] += a;
    }
  }
  for (let i = 0; i < lumaAlpha.length; i++) {
    totalLumaAlpha += lumaAlpha[i];
    totalAlpha += alpha[i];
  }

  const opaque = totalAlpha === width * height;
  // Fully transparent input: everything is backdrop; white is as good as any.
  const contentMean = totalAlpha > 0 ? totalLumaAlpha / totalAlpha : 0;
  const backdrop = contentMean < 128 ? 255 : 0;

  const raster = createGray(outW, outH);
  for (let by = 0; by < outH; by++) {
    const rows = Math.min(k, height - by * k);
    for (let bx = 0; bx < outW; bx++) {
      const count = rows * Math.min(k, width - bx * k);
      const o = by * outW + bx;
      // Composite: luma*a + backdrop*(1-a), averaged over the block (linear, so sums suffice).
      raster.data[o] = (lumaAlpha[o] + backdrop * (count - alpha[o])) / count;
    }
  }
  return { raster, info: { compositeOver: opaque ? null : backdrop, reduction: k } };
}
