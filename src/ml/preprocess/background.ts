/**
 * Step 2: find the background, decide whether to negate, and normalise so
 * the item is light (up to 255) on a black (0) background, like Fashion-MNIST
 * (whose pipeline negated product photos shot on white).
 *
 * Background level = median of a band along the image border: robust as long
 * as the item covers less than half of the border.
 *
 * Noise floor = NOISE_FACTOR x the 75th percentile of the border's absolute
 * deviations from that median; deviations at or below it are removed, so
 * paper texture / sensor noise disappears while a clean canvas (all
 * deviations 0) keeps every anti-aliased pixel. Why not the MAD (50th
 * percentile): white paper photographed or scanned slightly overexposed is
 * clipped at 255, so half of the border pixels sit exactly at the median and
 * the MAD is 0 however noisy the other half is. The 75th percentile of the
 * clipped half-normal is the median of the noisy half, 0.674 sigma, so the
 * factor 4.45 puts the floor at 3 sigma there (and at 5.1 sigma for
 * unclipped Gaussian noise, where the percentile is 1.15 sigma). If the item
 * covers more than a quarter of the border band (drawn up to the edges), the
 * percentile measures the item instead of noise, so the floor is capped at
 * MAX_NOISE_FLOOR to keep such drawings from vanishing.
 *
 * Which side is the item: the pixels that stand out from the background vote
 * with their signed deviation (mass-weighted), so a drawing darker than the
 * background is negated, whatever the absolute gray levels (dark strokes on
 * mid-gray paper, white strokes on a black canvas, ...).
 */
import { createGray } from './raster';
import { borderValues, histogram256, histogramMedian, histogramQuantile } from './stats';
import type { BackgroundDecision, GrayRaster } from './types';

/** Border band width as a fraction of the shorter side (at least 1 px). */
const BORDER_BAND_FRACTION = 0.02;
/** Percentile (0..1) of the border's absolute deviations used as noise scale. */
const NOISE_PERCENTILE = 0.75;
/** Noise floor = this x that percentile (3 sigma for clipped Gaussian noise, see above). */
const NOISE_FACTOR = 4.45;
/**
 * Upper bound (0..255) for the noise floor: sigma ~11 for clipped noise, far
 * noisier than a usable photo; a larger estimate means the item touches the border.
 */
const MAX_NOISE_FLOOR = 48;
/** Deviations (0..255) at or below this never vote in the inversion decision. */
const MIN_VOTING_DEVIATION = 2;
/**
 * Usable contrast (0..255, item extreme minus background minus noise floor)
 * below which `lowContrast` is reported: under ~20 % of the range, stretching
 * to 255 amplifies noise and JPEG artefacts more than 5x.
 */
export const LOW_CONTRAST_LEVEL = 48;
/**
 * Usable contrast (0..255) below which nothing counts as drawn: 2 gray levels
 * is the rounding/dithering noise of 8-bit images, not a visible mark.
 */
const MIN_USABLE_CONTRAST = 2;

export interface BackgroundOutput {
  readonly decision: BackgroundDecision;
  /**
   * Item light on dark, background 0, brightest item pixel 255 (all 0 if no
   * item). Values are dev * 255 / contrast where dev (0..255) is the deviation
   * from the background towards the item side; dev <= noiseFloor becomes 0.
   */
  readonly normalized: GrayRaster;
  /** The noise floor in `normalized` units (0..255): non-zero values start just above it. */
  readonly noiseLevel: number;
  /** True when the usable contrast is below `LOW_CONTRAST_LEVEL` (but something is visible). */
  readonly lowContrast: boolean;
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

/**
 * @param gray gray levels 0..255 (step 1 output)
 * @param forceInvert when given, skips the detection (true = negate)
 */
export function normalizeBackground(gray: GrayRaster, forceInvert?: boolean): BackgroundOutput {
  const { width, height, data } = gray;
  const band = Math.max(1, Math.round(Math.min(width, height) * BORDER_BAND_FRACTION));
  const border = [...borderValues(data, width, height, band)];
  const background = histogramMedian(histogram256(border));
  const spread = histogramQuantile(
    histogram256(border.map((v) => Math.abs(v - background))),
    NOISE_PERCENTILE,
  );
  const noiseFloor = Math.min(MAX_NOISE_FLOOR, Math.ceil(NOISE_FACTOR * spread));

  // Signed, mass-weighted vote of the pixels that stand out from the background.
  const voteLevel = Math.max(noiseFloor, MIN_VOTING_DEVIATION);
  let vote = 0;
  let itemSum = 0;
  let itemCount = 0;
  for (let i = 0; i < data.length; i++) {
    const d = data[i] - background;
    if (Math.abs(d) > voteLevel) {
      vote += d;
      itemSum += data[i];
      itemCount++;
    }
  }
  const itemMean = itemCount > 0 ? itemSum / itemCount : Number.NaN;

  let inverted: boolean;
  let reason: string;
  const bgText = `border median ${background}`;
  if (forceInvert !== undefined) {
    inverted = forceInvert;
    reason = inverted ? 'Negation forced by the caller.' : 'No negation (forced by the caller).';
  } else if (itemCount === 0) {
    // Nothing stands out: fall back to the absolute level so that blank white
    // paper and a blank black canvas both count as "background".
    inverted = background >= 128;
    reason = `Nothing stands out from the ${bgText}; treated as ${inverted ? 'light' : 'dark'} background.`;
  } else {
    inverted = vote < 0;
    reason = inverted
      ? `The item (mean ${round1(itemMean)}) is darker than the ${bgText}: negated to light-on-dark.`
      : `The item (mean ${round1(itemMean)}) is lighter than the ${bgText}: kept as light-on-dark.`;
  }

  // Deviation towards the item side, minus the noise floor, stretched to 0..255.
  const normalized = createGray(width, height);
  const sign = inverted ? -1 : 1;
  let contrast = 0;
  for (let i = 0; i < data.length; i++) {
    const dev = sign * (data[i] - background);
    if (dev > contrast) contrast = dev;
  }
  const usable = contrast - noiseFloor;
  const visible = usable > MIN_USABLE_CONTRAST;
  // Hard threshold: deviations above the floor keep their value (only scaled),
  // so faint parts of the item are not dimmed by the floor; the rest is 0.
  if (visible) {
    const scale = 255 / contrast;
    for (let i = 0; i < data.length; i++) {
      const dev = sign * (data[i] - background);
      normalized.data[i] = dev > noiseFloor ? dev * scale : 0;
    }
  }

  return {
    decision: { background, itemMean, inverted, contrast, noiseFloor, reason },
    normalized,
    noiseLevel: visible ? (noiseFloor * 255) / contrast : 0,
    lowContrast: visible && usable < LOW_CONTRAST_LEVEL,
  };
}
