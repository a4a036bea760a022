/**
 * Separable resizing of gray rasters.
 *
 * Downscaling (per axis) uses exact area averaging: every output pixel is the
 * mean of the input area it covers, with fractional weights for partly
 * covered input pixels. Unlike bilinear sampling this never skips input
 * pixels, so a 1000 px drawing shrunk to 28 px keeps thin strokes (as a
 * fainter line) instead of aliasing them away, and an exact integer factor
 * (e.g. 224 -> 28) is a plain k x k block mean.
 *
 * Upscaling (tiny items) uses bilinear interpolation with pixel-centre
 * alignment: smoother than nearest neighbour, closer to how the dataset's
 * photos were resampled, and it preserves the 0..255 range.
 */
import { createGray } from './raster';
import type { GrayRaster } from './types';

/** Per-output-pixel contribution lists for one axis. */
interface AxisWeights {
  /** First input index for output i. */
  readonly start: Int32Array;
  /** Number of contributing input pixels for output i. */
  readonly count: Int32Array;
  /** Weights, `maxTaps` per output pixel; each output's weights sum to 1. */
  readonly weights: Float64Array;
  readonly maxTaps: number;
}

function axisWeights(srcLen: number, dstLen: number): AxisWeights {
  const scale = srcLen / dstLen;
  const maxTaps = scale >= 1 ? Math.ceil(scale) + 1 : 2;
  const start = new Int32Array(dstLen);
  const count = new Int32Array(dstLen);
  const weights = new Float64Array(dstLen * maxTaps);
  for (let i = 0; i < dstLen; i++) {
    const w = i * maxTaps;
    if (scale >= 1) {
      // Area: output i covers input interval [lo, hi).
      const lo = i * scale;
      const hi = Math.min(srcLen, (i + 1) * scale);
      const first = Math.floor(lo);
      let n = 0;
      for (let j = first; j < hi; j++) {
        const overlap = Math.min(j + 1, hi) - Math.max(j, lo);
        if (overlap > 1e-9) {
          if (n === 0) start[i] = j;
          weights[w + (j - start[i])] = overlap / scale;
          n = j - start[i] + 1;
        }
      }
      count[i] = n;
    } else {
      // Bilinear: sample at the output pixel centre mapped into input space.
      const centre = Math.min(srcLen - 1, Math.max(0, (i + 0.5) * scale - 0.5));
      const j0 = Math.min(srcLen - 2, Math.floor(centre));
      if (j0 < 0) {
        start[i] = 0; // srcLen === 1: every output is the single input pixel
        count[i] = 1;
        weights[w] = 1;
      } else {
        const f = centre - j0;
        start[i] = j0;
        count[i] = 2;
        weights[w] = 1 - f;
        weights[w + 1] = f;
      }
    }
  }
  return { start, count, weights, maxTaps };
}

/**
 * Resizes `src` to `width` x `height` (both >= 1). Values stay within the
 * input's range (all weights are non-negative and sum to 1).
 */
export function resizeGray(src: GrayRaster, width: number, height: number): GrayRaster {
  if (!(width >= 1 && height >= 1 && Number.isInteger(width) && Number.isInteger(height))) {
    throw new RangeError(`Target size must be positive integers, got ${width}x${height}.`);
  }
  if (src.width < 1 || src.height < 1) throw new RangeError('Cannot resize an empty raster.');

  // Horizontal pass: src.width -> width, for every source row.
  const h = axisWeights(src.width, width);
  const mid = createGray(width, src.height);
  for (let y = 0; y < src.height; y++) {
    const row = y * src.width;
    for (let x = 0; x < width; x++) {
      const w = x * h.maxTaps;
      let acc = 0;
      for (let t = 0; t < h.count[x]; t++) acc += src.data[row + h.start[x] + t] * h.weights[w + t];
      mid.data[y * width + x] = acc;
    }
  }

  // Vertical pass: src.height -> height.
  const v = axisWeights(src.height, height);
  const out = createGray(width, height);
  for (let y = 0; y < height; y++) {
    const w = y * v.maxTaps;
    for (let t = 0; t < v.count[y]; t++) {
      const weight = v.weights[w + t];
      const row = (v.start[y] + t) * width;
      for (let x = 0; x < width; x++) out.data[y * width + x] += mid.data[row + x] * weight;
    }
  }
  return out;
}
