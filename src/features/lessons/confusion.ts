/** Lesson 7: the confusion matrix of the model in use, and its most confused pair with examples. */
import { CLASS_NAMES, NUM_CLASSES } from '../../ml/constants';
import { buildConfusionMatrix, normalizeRows, type ConfusionMatrix } from '../../ml/metrics/confusionMatrix';
import { mostConfusedPairs, type ConfusedPair } from '../../ml/metrics/confusedPairs';
import { SIMPLE_CNN } from '../../ml/model/spec';
import { count, pct, type Explanation, type ModelLesson } from './lessonModel';

export const confusionLesson: ModelLesson = {
  kind: 'model',
  tool: 'confusion',
  id: 'confusion',
  number: 7,
  title: 'Reading a confusion matrix',
  question: 'What does the confusion matrix tell you?',
  expectPrompt: 'The model in use classifies the test images. Which two kinds of clothing do you expect it to mix up most?',
  choices: [
    { id: 'tops', label: 'Two upper-body garments (T-shirt, pullover, coat, shirt)' },
    { id: 'shoes', label: 'Two kinds of shoes (sandal, sneaker, ankle boot)' },
    { id: 'other', label: 'Something else (e.g. trouser and dress, or bag and anything)' },
  ],
  runSummary: 'Scores the model in use on the test images (no training) and counts, for every true class, what it was called.',
  tryIt: { spec: SIMPLE_CNN, config: {} },
};

const TOPS = new Set([0, 2, 4, 6]);
const SHOES = new Set([5, 7, 9]);

export interface ConfusionFindings extends Explanation {
  readonly matrix: ConfusionMatrix;
  readonly pair: ConfusedPair | null;
  /** Test-set indices of images of class a called b, and of b called a (a few each). */
  readonly examples: { readonly aAsB: readonly number[]; readonly bAsA: readonly number[] };
}

/** Argmax per row of n×10 probabilities. */
function predictedClasses(probabilities: Float32Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < NUM_CLASSES; c++) if (probabilities[i * NUM_CLASSES + c] > probabilities[i * NUM_CLASSES + best]) best = c;
    out[i] = best;
  }
  return out;
}

/** The findings of a test evaluation: `indices` are the test images scored, `labels` all test labels. */
export function confusionFindings(probabilities: Float32Array, indices: ArrayLike<number>, labels: Uint8Array, examplesPerSide = 4): ConfusionFindings {
  const n = indices.length;
  const predicted = predictedClasses(probabilities, n);
  const truth = Uint8Array.from({ length: n }, (_, i) => labels[indices[i]]);
  const matrix = buildConfusionMatrix(truth, predicted);
  const [pair] = mostConfusedPairs(matrix, 1);
  const correct = truth.reduce((sum, t, i) => sum + (t === predicted[i] ? 1 : 0), 0);
  const recall = normalizeRows(matrix).map((row, c) => row[c]);
  const worst = recall.reduce((best, r, c) => (r < recall[best] ? c : best), 0);
  const best = recall.reduce((b, r, c) => (r > recall[b] ? c : b), 0);
  const aAsB: number[] = [];
  const bAsA: number[] = [];
  if (pair) {
    for (let i = 0; i < n; i++) {
      if (truth[i] === pair.a && predicted[i] === pair.b && aAsB.length < examplesPerSide) aAsB.push(indices[i]);
      if (truth[i] === pair.b && predicted[i] === pair.a && bAsA.length < examplesPerSide) bAsA.push(indices[i]);
    }
  }
  const name = (c: number) => CLASS_NAMES[c];
  const rowTotal = (c: number) => matrix.counts[c].reduce((a, b) => a + b, 0);
  const sentences = [
    `The diagonal holds the ${count(correct)} of ${count(n)} test images classified correctly: ${pct(correct / n)}. Everything off the diagonal is a mistake, and where it sits says which mistake.`,
    pair
      ? `The most confused pair is ${name(pair.a)} and ${name(pair.b)}: ${count(pair.aPredictedAsB)} ${name(pair.a)} images were called ${name(pair.b)} (${pct(pair.aPredictedAsB / rowTotal(pair.a))} of that row) and ${count(pair.bPredictedAsA)} the other way round (${pct(pair.bPredictedAsA / rowTotal(pair.b))}).`
      : 'This model made no mistakes on these images.',
    `Its weakest class is ${name(worst)} (recall ${pct(recall[worst])}: that share of the real ${name(worst)} images was recognised), its strongest ${name(best)} (${pct(recall[best])}). Accuracy alone hides this: the matrix shows where to improve — more or better examples of the classes that look alike.`,
  ];
  const bothIn = (set: Set<number>) => !!pair && set.has(pair.a) && set.has(pair.b);
  return {
    sentences,
    supports: bothIn(TOPS) ? 'tops' : bothIn(SHOES) ? 'shoes' : 'other',
    // The point: the largest confusion is between classes that look alike, not spread evenly.
    pointHolds: !!pair && (bothIn(TOPS) || bothIn(SHOES)) && pair.total > (n - correct) / 10,
    figures: { accuracy: correct / n, pairA: pair?.a ?? -1, pairB: pair?.b ?? -1, pairTotal: pair?.total ?? 0, worstRecall: recall[worst] },
    matrix,
    pair: pair ?? null,
    examples: { aAsB, bAsA },
  };
}
