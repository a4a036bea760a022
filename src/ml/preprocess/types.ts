/**
 * Shared shapes for the drawing/photo -> Fashion-MNIST preprocessing pipeline.
 * Everything here is plain data so the pipeline runs in Node (tests) and in a
 * worker or the main thread of the browser alike: no DOM types are required.
 */

/**
 * An RGBA raster laid out like `ImageData`: row-major, 4 bytes per pixel
 * (R, G, B, A), each 0..255, `data.length >= width * height * 4`.
 * A real `ImageData` satisfies this interface.
 */
export interface RgbaRaster {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray | Uint8Array;
}

/**
 * A single-channel raster, row-major, one float per pixel.
 * Values are 0..255 (not rounded) so that several resampling steps in a row
 * do not accumulate quantisation error. Use `grayToRgba` to display one.
 */
export interface GrayRaster {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** Inclusive-exclusive pixel rectangle: columns x..x+width-1, rows y..y+height-1. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Non-fatal findings the UI should surface:
 * - `empty`: nothing (or almost nothing) stands out from the background; the
 *   UI should not present a prediction as meaningful. With nothing at all the
 *   output is all zeros; with almost nothing (a dot) the dot is still
 *   processed so the steps show what was found.
 * - `lowContrast`: the item differs from the background by less than
 *   `LOW_CONTRAST_LEVEL`; it was stretched, but noise got stretched with it.
 * - `tiny`: the input or the item is only a few pixels big and was upscaled a
 *   lot, so the 28x28 result is blocky/blurry.
 */
export type PreprocessWarning = 'empty' | 'lowContrast' | 'tiny';

/** How the fitted item is positioned inside the 28x28 frame. */
export type CentringMode = 'box' | 'mass';

export interface PreprocessOptions {
  /**
   * Longest side of the input that is processed at full detail, in pixels.
   * Larger inputs are box-averaged by an integer factor while converting to
   * grayscale (one pass, memory proportional to the reduced size).
   * Default `DEFAULT_MAX_INPUT_SIDE` (512 = over 18 samples per output pixel).
   */
  readonly maxInputSide?: number;
  /**
   * Length in output pixels (1..28) of the item's longest side. Default 28,
   * measured on the real data: see `DEFAULT_TARGET_SIDE`.
   */
  readonly targetSide?: number;
  /** Default `'box'` (what the dataset does); see `DEFAULT_CENTRING`. */
  readonly centring?: CentringMode;
  /**
   * Pixels must exceed the noise level by more than this (normalised 0..255
   * units, both the pixel and its 3x3 mean) to count towards the item's
   * bounding box. Default `DEFAULT_CROP_THRESHOLD`.
   */
  readonly cropThreshold?: number;
  /**
   * Force the inversion decision instead of detecting it
   * (`true` = the input is dark-on-light and must be negated).
   */
  readonly invert?: boolean;
}

/** How the background side was chosen in step 2 (reported to the UI). */
export interface BackgroundDecision {
  /** Background gray level 0..255 (median of the border band) before inversion. */
  readonly background: number;
  /** Mean gray level 0..255 of the pixels that stand out from the background; NaN if none. */
  readonly itemMean: number;
  /** True when the input was dark-on-light and was negated. */
  readonly inverted: boolean;
  /** Largest deviation 0..255 from the background towards the item side. */
  readonly contrast: number;
  /** Deviations at or below this level (0..255) are treated as noise and removed. */
  readonly noiseFloor: number;
  /** Short human-readable explanation for the UI. */
  readonly reason: string;
}

/** Alpha handling chosen in step 1. */
export interface GrayscaleInfo {
  /** Gray level 0..255 that transparent pixels were composited over; null if the input was opaque. */
  readonly compositeOver: number | null;
  /** Integer box-averaging factor applied to big inputs (1 = full size). */
  readonly reduction: number;
}

export interface PreprocessSteps {
  /** Step 1: luma with alpha composited, reduced to at most `maxInputSide`. */
  readonly grayscale: GrayRaster;
  /** Step 2: item light on dark, background 0, noise floor removed, brightest pixel 255. */
  readonly normalized: GrayRaster;
  /** Step 3: the item's bounding box cut out of `normalized`; null when empty. */
  readonly cropped: GrayRaster | null;
  /** Step 4: `cropped` resized so its longest side is `targetSide`, aspect kept; null when empty. */
  readonly fitted: GrayRaster | null;
  /** Step 5: the final 28x28 frame (same values as `pixels`, unrounded). */
  readonly centred: GrayRaster;
}

export interface PreprocessResult {
  /** The model-ready image: 784 bytes, row-major 28x28, 0 = background, 255 = brightest. */
  readonly pixels: Uint8Array;
  readonly steps: PreprocessSteps;
  readonly grayscaleInfo: GrayscaleInfo;
  readonly background: BackgroundDecision;
  /** Item bounding box in `steps.grayscale` coordinates; null when empty. */
  readonly crop: Rect | null;
  /** Where `steps.fitted` was pasted into the 28x28 frame; null when empty. */
  readonly placement: (Rect & { readonly mode: CentringMode }) | null;
  readonly warnings: readonly PreprocessWarning[];
}
