/**
 * Confusion matrix for a single-label multi-class classifier.
 *
 * Rows are the true class and columns the predicted class (scikit-learn's
 * convention), so `counts[t][p]` is "how many examples of class t did the model
 * call p". Every other metric in this folder (classification report, confused
 * pairs) is derived from this one structure so the numbers shown side by side in
 * the evaluation view can never disagree with each other.
 *
 * The matrix is a plain object of frozen arrays rather than a class: it stays
 * structured-clonable (it can cross a worker boundary or be stored in React
 * state as-is) and "immutable-ish" without a wrapper API.
 */
import { NUM_CLASSES } from '../constants';

export interface ConfusionMatrix {
  readonly numClasses: number;
  /** counts[trueClass][predictedClass]; numClasses × numClasses, frozen. */
  readonly counts: readonly (readonly number[])[];
}

/** Throws unless `label` is an integer class index in [0, numClasses). */
function checkLabel(label: number, numClasses: number, what: string, index: number): void {
  // A silently-dropped or out-of-range label would make row sums (support) wrong
  // without any visible symptom, so bad input fails loudly instead.
  if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
    throw new RangeError(`${what}[${index}] = ${label} is not a class index in [0, ${numClasses})`);
  }
}

function checkNumClasses(numClasses: number): void {
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new RangeError(`numClasses must be a positive integer, got ${numClasses}`);
  }
}

function checkSameLength(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`yTrue has ${yTrue.length} labels but yPred has ${yPred.length}`);
  }
}

/** Count (true, predicted) label pairs into a numClasses × numClasses matrix. */
export function buildConfusionMatrix(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  numClasses: number = NUM_CLASSES,
): ConfusionMatrix {
  checkNumClasses(numClasses);
  checkSameLength(yTrue, yPred);
  const rows: number[][] = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    checkLabel(t, numClasses, 'yTrue', i);
    checkLabel(p, numClasses, 'yPred', i);
    rows[t][p] += 1;
  }
  return freezeMatrix(numClasses, rows);
}

/**
 * Wrap already-counted rows (e.g. a matrix received from a worker or a saved
 * run) after checking that it is square with non-negative integer counts.
 */
export function confusionMatrixFromCounts(counts: readonly (readonly number[])[]): ConfusionMatrix {
  const numClasses = counts.length;
  checkNumClasses(numClasses);
  const rows = counts.map((row, t) => {
    if (row.length !== numClasses) {
      throw new RangeError(`row ${t} has ${row.length} columns; expected ${numClasses}`);
    }
    return row.map((c, p) => {
      if (!Number.isInteger(c) || c < 0) {
        throw new RangeError(`counts[${t}][${p}] = ${c} is not a non-negative integer`);
      }
      return c;
    });
  });
  return freezeMatrix(numClasses, rows);
}

function freezeMatrix(numClasses: number, rows: number[][]): ConfusionMatrix {
  return Object.freeze({ numClasses, counts: Object.freeze(rows.map((r) => Object.freeze(r))) });
}

/** Number of examples counted in the matrix. */
export function total(cm: ConfusionMatrix): number {
  let sum = 0;
  for (const row of cm.counts) for (const c of row) sum += c;
  return sum;
}

/** Sum of the diagonal: the number of correctly classified examples. */
export function trace(cm: ConfusionMatrix): number {
  let sum = 0;
  for (let k = 0; k < cm.numClasses; k++) sum += cm.counts[k][k];
  return sum;
}

/**
 * trace / total. An empty matrix gives 0 rather than NaN so a view rendered
 * before any evaluation has run shows "0%" instead of "NaN%".
 */
export function accuracy(cm: ConfusionMatrix): number {
  const n = total(cm);
  return n === 0 ? 0 : trace(cm) / n;
}

/** Row sums: how many examples truly belong to each class (the "support"). */
export function rowSums(cm: ConfusionMatrix): number[] {
  return cm.counts.map((row) => row.reduce((a, b) => a + b, 0));
}

/** Column sums: how many examples the model assigned to each class. */
export function columnSums(cm: ConfusionMatrix): number[] {
  const sums = new Array<number>(cm.numClasses).fill(0);
  for (const row of cm.counts) for (let p = 0; p < cm.numClasses; p++) sums[p] += row[p];
  return sums;
}

/**
 * Each row divided by its sum, i.e. row t is the distribution of predictions for
 * true class t and its diagonal entry is that class's recall. This is the view a
 * heat map should colour by: raw counts make a well-populated class look "hot"
 * regardless of how it is classified. A class with no examples has nothing to
 * distribute, so its row is all zeros (not 0/0 = NaN, which would poison colour
 * scales and formatting).
 */
export function normalizeRows(cm: ConfusionMatrix): number[][] {
  return cm.counts.map((row) => {
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((c) => (sum === 0 ? 0 : c / sum));
  });
}

/**
 * Indices i (ascending) of the examples that fall in cell (trueClass,
 * predictedClass), i.e. yTrue[i] === trueClass && yPred[i] === predictedClass.
 * The matrix only keeps counts, so clicking a cell to see its images needs the
 * original label arrays; pass the same ones the matrix was built from.
 */
export function cellIndices(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  trueClass: number,
  predictedClass: number,
): number[] {
  checkSameLength(yTrue, yPred);
  const out: number[] = [];
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] === trueClass && yPred[i] === predictedClass) out.push(i);
  }
  return out;
}
