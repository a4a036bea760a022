/**
 * The whole drawing/photo -> Fashion-MNIST 28x28 pipeline, returning every
 * intermediate step so the UI can show them one by one.
 *
 * It mirrors the dataset's own recipe (trim the product photo, resize the
 * longest edge to 28, extend to 28x28 centred, negate, grayscale), with the
 * order adapted to arbitrary input: negation must be decided before trimming,
 * because trimming needs to know what the background is.
 *
 * Pure and synchronous: no DOM, no tfjs. The browser adapter should shrink
 * big images on a canvas to at most `maxInputSide` before calling (see
 * grayscale.ts); passing a full-size raster still works, it just costs one
 * pass over all of its bytes.
 */
import { IMAGE_SIZE } from '../constants';
import { normalizeBackground } from './background';
import { findBoundingBox, growBoundingBox } from './crop';
import { fitItem, placeInFrame } from './frame';
import { toGrayscale } from './grayscale';
import { createGray, cropGray, grayToBytes, stretchToFullRange } from './raster';
import type {
  CentringMode,
  PreprocessOptions,
  PreprocessResult,
  PreprocessWarning,
  RgbaRaster,
} from './types';

/** Inputs are reduced to at most this many pixels on their longest side (> 18 px per output px). */
export const DEFAULT_MAX_INPUT_SIDE = 512;
/** Longest item side in the 28x28 frame: no margin, as measured on the dataset (frame.ts). */
export const DEFAULT_TARGET_SIDE = IMAGE_SIZE;
/** Bounding-box centring, as measured on the dataset (frame.ts). */
export const DEFAULT_CENTRING: CentringMode = 'box';
/**
 * Bounding-box threshold above the noise level, normalised 0..255 units (3 %
 * of the range). The adaptive noise floor (background.ts) and the 3x3-mean
 * test (crop.ts) already deal with pixel noise: in the x8 round trip the mean
 * MAE is 0.32 / 0.33 / 0.37 for thresholds 0 / 8 / 16 on 2000 clean test
 * images, 2.61 / 2.61 at 0 / 8 with Gaussian noise sigma 4, 12.05 / 12.05 /
 * 12.13 with sigma 20. So 8 costs nothing measurable; it is a margin for
 * faint blotches larger than a pixel (JPEG blocks, shadows, smudges).
 */
export const DEFAULT_CROP_THRESHOLD = 8;
/** Items (or inputs) whose longest side is below this many pixels are `tiny`. */
export const TINY_SIDE = 8;
/**
 * `empty` when the item's ink (sum of normalised values / 255) is below this
 * fraction of the image area: 1e-4 is e.g. a 3x4 px dot on a 400x300 canvas.
 */
export const MIN_INK_FRACTION = 1e-4;

/** User-facing texts for the warnings. */
export const WARNING_MESSAGES: Readonly<Record<PreprocessWarning, string>> = {
  empty: 'Nothing (or almost nothing) was drawn.',
  lowContrast: 'The item barely stands out from the background; the result may be noisy.',
  tiny: 'The item is only a few pixels big; it was enlarged a lot and looks blurry.',
};

function checkOptions(options: PreprocessOptions): Required<Omit<PreprocessOptions, 'invert'>> {
  const targetSide = options.targetSide ?? DEFAULT_TARGET_SIDE;
  if (!Number.isInteger(targetSide) || targetSide < 1 || targetSide > IMAGE_SIZE) {
    throw new RangeError(`targetSide must be an integer in 1..${IMAGE_SIZE}, got ${targetSide}.`);
  }
  return {
    maxInputSide: options.maxInputSide ?? DEFAULT_MAX_INPUT_SIDE,
    targetSide,
    centring: options.centring ?? DEFAULT_CENTRING,
    cropThreshold: options.cropThreshold ?? DEFAULT_CROP_THRESHOLD,
  };
}

/**
 * Turns an RGBA drawing or photo into a Fashion-MNIST-like 28x28 image.
 * Never throws for unusual content (empty, 1x1, transparent, low contrast);
 * throws a RangeError only for malformed input or options.
 */
export function preprocessImage(
  input: RgbaRaster,
  options: PreprocessOptions = {},
): PreprocessResult {
  const opts = checkOptions(options);
  const warnings: PreprocessWarning[] = [];

  // 1. Grayscale (alpha composited), big inputs reduced on the fly.
  const gray = toGrayscale(input, opts.maxInputSide);
  const grayRaster = gray.raster;
  if (Math.max(input.width, input.height) < TINY_SIDE) warnings.push('tiny');

  // 2. Background side, inversion, noise floor, stretch to 0..255.
  const bg = normalizeBackground(grayRaster, options.invert);
  if (bg.lowContrast) warnings.push('lowContrast');

  // 3. Bounding box of the item.
  // The threshold counts from the noise floor: values just above it are mostly noise.
  const box = findBoundingBox(bg.normalized, bg.noiseLevel + opts.cropThreshold);
  if (box === null) {
    warnings.push('empty');
    const centred = createGray(IMAGE_SIZE, IMAGE_SIZE);
    return {
      pixels: grayToBytes(centred),
      steps: { grayscale: grayRaster, normalized: bg.normalized, cropped: null, fitted: null, centred },
      grayscaleInfo: gray.info,
      background: bg.decision,
      crop: null,
      placement: null,
      warnings,
    };
  }
  // Recover faint rims (anti-aliasing) the threshold cut off: at most ~1 output pixel per side.
  const maxGrow = Math.ceil(Math.max(box.rect.width, box.rect.height) / opts.targetSide);
  const rect = growBoundingBox(bg.normalized, box.rect, 0, maxGrow);
  const cropped = cropGray(bg.normalized, rect);
  let ink = 0;
  for (const v of cropped.data) ink += v / 255;
  if (ink < MIN_INK_FRACTION * grayRaster.width * grayRaster.height) warnings.push('empty');
  if (Math.max(rect.width, rect.height) < TINY_SIDE && !warnings.includes('tiny')) {
    warnings.push('tiny');
  }

  // 4. Keep the aspect ratio, longest side = targetSide; brightest pixel back to 255.
  const fitted = stretchToFullRange(fitItem(cropped, opts.targetSide));

  // 5. Position inside the 28x28 frame.
  const placed = placeInFrame(fitted, opts.centring);

  return {
    pixels: grayToBytes(placed.frame),
    steps: { grayscale: grayRaster, normalized: bg.normalized, cropped, fitted, centred: placed.frame },
    grayscaleInfo: gray.info,
    background: bg.decision,
    crop: rect,
    placement: { ...placed.rect, mode: opts.centring },
    warnings,
  };
}
