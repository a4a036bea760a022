/** Public surface of the drawing/photo preprocessing (pure, DOM-free). */
export {
  DEFAULT_CENTRING,
  DEFAULT_CROP_THRESHOLD,
  DEFAULT_MAX_INPUT_SIDE,
  DEFAULT_TARGET_SIDE,
  MIN_INK_FRACTION,
  TINY_SIDE,
  WARNING_MESSAGES,
  preprocessImage,
} from './pipeline';
export { toModelInput } from './modelInput';
export { reductionFactor, toGrayscale } from './grayscale';
export { LOW_CONTRAST_LEVEL, normalizeBackground } from './background';
export { blur3, findBoundingBox, growBoundingBox } from './crop';
export { centreOfMass, fitItem, fittedSize, placeInFrame } from './frame';
export { resizeGray } from './resample';
export { createGray, cropGray, grayToBytes, grayToRgba, stretchToFullRange } from './raster';
export type * from './types';
