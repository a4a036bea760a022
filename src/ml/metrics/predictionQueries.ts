/**
 * Queries over a model's per-example class probabilities, for the sample grid
 * of the evaluation view: predicted class, confidence, top-k, and which
 * examples to show (all / mistakes / least confident).
 *
 * Probabilities come straight from `model.predict(...).data()` as one flat
 * row-major Float32Array (n × numClasses) and stay that way: for 10k test
 * images, per-example objects would be 10k allocations for nothing. The
 * per-example results are computed once (`summarizePredictions`) into typed
 * arrays and every selection reads from those.
 */
import { NUM_CLASSES } from '../constants';

export interface PredictionSummary {
  readonly numClasses: number;
  /** Argmax class of each example (first index on ties, as tf.argMax). */
  readonly predicted: Int32Array;
  /** Probability of the predicted class, i.e. the row max. NaN if the row is all NaN. */
  readonly confidence: Float32Array;
}

export interface ClassProbability {
  readonly classIndex: number;
  readonly probability: number;
}

export type SampleSelection = 'all' | 'mistakes' | 'leastConfident';

function exampleCount(probs: Float32Array, numClasses: number): number {
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new RangeError(`numClasses must be a positive integer, got ${numClasses}`);
  }
  if (probs.length % numClasses !== 0) {
    throw new RangeError(`probs length ${probs.length} is not a multiple of numClasses ${numClasses}`);
  }
  return probs.length / numClasses;
}

/**
 * Argmax and max of each row. NaN entries are skipped so one bad logit does
 * not hide the real prediction; a row that is entirely NaN (a diverged model)
 * gets class 0 with confidence NaN, which `selectSamples` ranks as least
 * confident so it is surfaced rather than hidden.
 */
export function summarizePredictions(probs: Float32Array, numClasses: number = NUM_CLASSES): PredictionSummary {
  const n = exampleCount(probs, numClasses);
  const predicted = new Int32Array(n);
  const confidence = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * numClasses;
    let best = Number.NaN;
    let bestIdx = 0;
    for (let c = 0; c < numClasses; c++) {
      const p = probs[base + c];
      // Strict ">" keeps the first maximum on ties, matching tf.argMax / np.argmax.
      if (p > best || (Number.isNaN(best) && !Number.isNaN(p))) {
        best = p;
        bestIdx = c;
      }
    }
    predicted[i] = bestIdx;
    confidence[i] = best;
  }
  return { numClasses, predicted, confidence };
}

/**
 * The k most probable classes of example `index`, most probable first (ties by
 * lower class index). k is clamped to numClasses.
 */
export function topK(
  probs: Float32Array,
  index: number,
  k: number,
  numClasses: number = NUM_CLASSES,
): ClassProbability[] {
  const n = exampleCount(probs, numClasses);
  if (!Number.isInteger(index) || index < 0 || index >= n) {
    throw new RangeError(`example index ${index} is out of range [0, ${n})`);
  }
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  const row: ClassProbability[] = [];
  for (let c = 0; c < numClasses; c++) row.push({ classIndex: c, probability: probs[index * numClasses + c] });
  row.sort((x, y) => descendingNaNLast(x.probability, y.probability) || x.classIndex - y.classIndex);
  return row.slice(0, Math.min(k, numClasses));
}

/** Comparator for descending order with NaN after every number. */
function descendingNaNLast(x: number, y: number): number {
  const xNaN = Number.isNaN(x);
  const yNaN = Number.isNaN(y);
  if (xNaN || yNaN) return Number(xNaN) - Number(yNaN);
  return y - x;
}

/**
 * Example indices for the sample grid, at most `limit` of them:
 *  - 'all': every example in dataset order;
 *  - 'mistakes': examples with predicted !== label, in dataset order;
 *  - 'leastConfident': every example by ascending confidence (NaN first, ties
 *    by index, so the order is stable across renders).
 */
export function selectSamples(
  summary: PredictionSummary,
  labels: ArrayLike<number>,
  selection: SampleSelection,
  limit: number,
): number[] {
  const n = summary.predicted.length;
  if (labels.length !== n) throw new RangeError(`labels has ${labels.length} entries but there are ${n} predictions`);
  if (!(Number.isInteger(limit) && limit >= 0) && limit !== Number.POSITIVE_INFINITY) {
    throw new RangeError(`limit must be a non-negative integer or Infinity, got ${limit}`);
  }
  switch (selection) {
    case 'all': {
      const count = Math.min(n, limit);
      return Array.from({ length: count }, (_, i) => i);
    }
    case 'mistakes': {
      const out: number[] = [];
      for (let i = 0; i < n && out.length < limit; i++) if (summary.predicted[i] !== labels[i]) out.push(i);
      return out;
    }
    case 'leastConfident': {
      const { confidence } = summary;
      const order = Array.from({ length: n }, (_, i) => i);
      order.sort((x, y) => ascendingNaNFirst(confidence[x], confidence[y]) || x - y);
      return order.slice(0, limit);
    }
    default: {
      const unknown: never = selection;
      throw new RangeError(`unknown selection ${String(unknown)}`);
    }
  }
}

/** Comparator for ascending order with NaN before every number. */
function ascendingNaNFirst(x: number, y: number): number {
  const xNaN = Number.isNaN(x);
  const yNaN = Number.isNaN(y);
  if (xNaN || yNaN) return Number(yNaN) - Number(xNaN);
  return x - y;
}
