/**
 * Gentle warnings for inputs that look unlike the training data, and the words
 * for the top prediction. Pure: the thresholds are measured, and tested.
 */
import { CLASS_NAMES } from '../../ml/constants';
import { WARNING_MESSAGES, type PreprocessResult } from '../../ml/preprocess';

export type InputSource = 'drawing' | 'upload';

export type AdviceKind = 'empty' | 'lowContrast' | 'tiny' | 'thinLines' | 'outline' | 'lowConfidence';

export interface Advice {
  readonly kind: AdviceKind;
  readonly message: string;
}

/** A 28x28 pixel counts as covered by the item above this value (0..255). */
export const COVERED_LEVEL = 32;
/**
 * Below this fraction of covered pixels the item is mostly thin lines. Measured on the
 * first 5,000 training images: 0.1 % of them cover less than 8.8 % of the frame, 1 % less
 * than 13 %, the median 44 % (items are solid, filled shapes).
 */
export const MIN_COVERAGE = 0.08;
/**
 * Below this `solidity` the item is an outline rather than a filled shape. On the same
 * 5,000 images: 0.1 % are below 0.33, 1 % below 0.57, the median is 0.94; an outlined
 * square drawn 1 to 2 px wide scores 0.14 to 0.27.
 */
export const MIN_SOLIDITY = 0.35;
/** A top probability below this is "unsure" (the untrained model gives about 0.1 to every class). */
export const CONFIDENT_PROBABILITY = 0.5;

/** Fraction 0..1 of the 784 pixels above `COVERED_LEVEL`. */
export function coverage(pixels: Uint8Array): number {
  let covered = 0;
  for (const v of pixels) if (v > COVERED_LEVEL) covered++;
  return covered / pixels.length;
}

/**
 * How filled the item is, 0..1: covered pixels divided by the width of each row's
 * span from its first to its last covered pixel (1 = no gaps inside any row).
 */
export function solidity(pixels: Uint8Array, size = 28): number {
  let covered = 0;
  let span = 0;
  for (let y = 0; y < size; y++) {
    let first = -1;
    let last = -1;
    for (let x = 0; x < size; x++) {
      if (pixels[y * size + x] > COVERED_LEVEL) {
        if (first < 0) first = x;
        last = x;
        covered++;
      }
    }
    if (first >= 0) span += last - first + 1;
  }
  return span === 0 ? 0 : covered / span;
}

const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;

/** True when the 28x28 result has nothing in it, so a prediction would be meaningless. */
export function isBlank(result: PreprocessResult): boolean {
  return result.pixels.every((v) => v === 0);
}

/** Warnings about the input itself, most important first. */
export function adviseOnInput(result: PreprocessResult, source: InputSource): Advice[] {
  const advice: Advice[] = [];
  if (result.warnings.includes('empty')) {
    const message =
      source === 'drawing'
        ? isBlank(result)
          ? 'The canvas is blank: draw an item to classify.'
          : 'Almost nothing is drawn: the prediction is a guess from a few pixels.'
        : 'Nothing stands out from the background of this image, so there is no item to classify.';
    advice.push({ kind: 'empty', message });
    return advice;
  }
  if (result.warnings.includes('lowContrast')) advice.push({ kind: 'lowContrast', message: WARNING_MESSAGES.lowContrast });
  if (result.warnings.includes('tiny')) advice.push({ kind: 'tiny', message: WARNING_MESSAGES.tiny });
  const tip = source === 'drawing' ? ' Try filling the shape in, or use a bigger brush.' : '';
  const covered = coverage(result.pixels);
  const filled = solidity(result.pixels);
  if (covered < MIN_COVERAGE) {
    advice.push({
      kind: 'thinLines',
      message: `The item covers only ${percent(covered)} of the 28×28 frame, while Fashion-MNIST items cover at least 13 % in 99 % of training images.${tip}`,
    });
  } else if (filled < MIN_SOLIDITY) {
    advice.push({
      kind: 'outline',
      message: `This looks like an outline: only ${percent(filled)} of the item's area is filled, while Fashion-MNIST items are solid shapes (over 57 % filled in 99 % of training images).${tip}`,
    });
  }
  return advice;
}

export interface TopPrediction {
  readonly classIndex: number;
  readonly className: string;
  readonly probability: number;
  /** The runner-up, for "or maybe …". */
  readonly second: { readonly className: string; readonly probability: number };
}

export function topPrediction(probabilities: ArrayLike<number>): TopPrediction {
  const order = Array.from({ length: probabilities.length }, (_, i) => i).sort((a, b) => probabilities[b] - probabilities[a]);
  const [first, second] = order;
  return {
    classIndex: first,
    className: CLASS_NAMES[first],
    probability: probabilities[first],
    second: { className: CLASS_NAMES[second], probability: probabilities[second] },
  };
}

/** A warning when the model is unsure, else null. */
export function adviseOnPrediction(top: TopPrediction): Advice | null {
  if (top.probability >= CONFIDENT_PROBABILITY) return null;
  return {
    kind: 'lowConfidence',
    message: `The model is unsure: its best guess gets only ${percent(top.probability)} (then ${top.second.className}, ${percent(top.second.probability)}). The input may look unlike the training images.`,
  };
}

/** "Trouser (93 %)" style sentence for the top class. */
export function describeTop(top: TopPrediction): string {
  return `${top.className} (${percent(top.probability)})`;
}
