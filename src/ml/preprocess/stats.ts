/**
 * Robust statistics over 0..255 gray values via a 256-bin histogram:
 * O(n) and allocation-free apart from the bins, precise to 1 gray level,
 * which is all the background/noise estimates need.
 */

/** Histogram of values rounded and clamped to 0..255. */
export function histogram256(values: Iterable<number>): Uint32Array {
  const bins = new Uint32Array(256);
  for (const v of values) bins[Math.min(255, Math.max(0, Math.round(v)))]++;
  return bins;
}

/**
 * Smallest value v (0..255) such that at least a fraction q (0..1) of the
 * histogram's samples are <= v; 0 for an empty histogram.
 */
export function histogramQuantile(bins: Uint32Array, q: number): number {
  let total = 0;
  for (const c of bins) total += c;
  if (total === 0) return 0;
  const needed = Math.max(1, Math.ceil(total * q));
  let seen = 0;
  for (let i = 0; i < bins.length; i++) {
    seen += bins[i];
    if (seen >= needed) return i;
  }
  return bins.length - 1;
}

/** Lower median (0..255) of a histogram; 0 for an empty histogram. */
export function histogramMedian(bins: Uint32Array): number {
  return histogramQuantile(bins, 0.5);
}

/**
 * Values of a band `band` pixels wide along the four edges of a width x height
 * raster (each pixel once). For rasters thinner than two bands the whole
 * raster is the border.
 */
export function* borderValues(
  data: Float32Array,
  width: number,
  height: number,
  band: number,
): Generator<number> {
  for (let y = 0; y < height; y++) {
    const edgeRow = y < band || y >= height - band;
    for (let x = 0; x < width; x++) {
      if (edgeRow || x < band || x >= width - band) yield data[y * width + x];
    }
  }
}
