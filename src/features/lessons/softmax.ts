/** Lesson 5: class scores to probabilities, with a temperature the student drags. */
import { CLASS_NAMES } from '../../ml/constants';
import { SIMPLE_CNN } from '../../ml/model/spec';
import { pct, type Explanation, type ModelLesson } from './lessonModel';

export const softmaxLesson: ModelLesson = {
  kind: 'model',
  tool: 'softmax',
  id: 'softmax',
  number: 5,
  title: 'Softmax: scores to probabilities',
  question: 'How does softmax work in multi-class classification?',
  expectPrompt: 'Softmax turns the network\'s ten class scores into probabilities. If you divide every score by a "temperature" above 1 before softmax, what happens?',
  choices: [
    { id: 'flatter', label: 'The probabilities get more even, but the top class stays the top class' },
    { id: 'change', label: 'A different class can come out on top' },
    { id: 'sharper', label: 'The top class gets even more certain' },
  ],
  runSummary: 'Asks the model in use for one test image\'s class scores (no training), then applies softmax at the temperature you set.',
  tryIt: { spec: SIMPLE_CNN, config: {} },
};

/**
 * Softmax of scores z / T. The model returns probabilities p = softmax(z); log p equals z up to
 * a constant, which softmax ignores, so scores are recovered as log p (floored to stay finite).
 */
export function softmaxAtTemperature(probabilities: ArrayLike<number>, temperature: number): number[] {
  const scores = Array.from(probabilities, (p) => Math.log(Math.max(p, 1e-30)));
  const scaled = scores.map((z) => z / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((z) => Math.exp(z - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Class scores (logits, shifted so the largest is 0) from probabilities. */
export const scoresOf = (probabilities: ArrayLike<number>) => {
  const scores = Array.from(probabilities, (p) => Math.log(Math.max(p, 1e-30)));
  const max = Math.max(...scores);
  return scores.map((z) => z - max);
};

const argmax = (values: readonly number[]) => values.reduce((best, v, i) => (v > values[best] ? i : best), 0);
/** Entropy in bits: 0 when one class has everything, log2(10) ≈ 3.32 when all are equal. */
export const entropyBits = (p: readonly number[]) => -p.reduce((s, v) => (v > 0 ? s + v * Math.log2(v) : s), 0);

/** What softmax did to this image's scores at temperature 1 and at `temperature`. */
export function softmaxFindings(probabilities: ArrayLike<number>, temperature: number): Explanation {
  const base = softmaxAtTemperature(probabilities, 1);
  const scaled = softmaxAtTemperature(probabilities, temperature);
  const scores = scoresOf(probabilities);
  const top = argmax(base);
  const second = argmax(base.map((p, i) => (i === top ? -1 : p)));
  const sameTop = argmax(scaled) === top;
  const sum = scaled.reduce((a, b) => a + b, 0);
  const flatter = temperature > 1 ? entropyBits(scaled) >= entropyBits(base) : entropyBits(scaled) <= entropyBits(base);
  return {
    sentences: [
      `The network's scores for this image range from ${scores[top].toFixed(2)} (${CLASS_NAMES[top]}, the highest) down to ${Math.min(...scores).toFixed(2)}; ${CLASS_NAMES[second]} is next at ${scores[second].toFixed(2)}. Softmax raises e to each score and divides by their sum, so every probability is positive and they add up to ${sum.toFixed(3)}.`,
      `At temperature 1: ${CLASS_NAMES[top]} ${pct(base[top])}, ${CLASS_NAMES[second]} ${pct(base[second])}. At temperature ${temperature.toFixed(2)}: ${CLASS_NAMES[top]} ${pct(scaled[top])}, ${CLASS_NAMES[second]} ${pct(scaled[second])} (spread ${entropyBits(base).toFixed(2)} → ${entropyBits(scaled).toFixed(2)} bits of entropy).`,
      sameTop
        ? `The top class stays ${CLASS_NAMES[top]} at every temperature: dividing all scores by the same positive number keeps their order, it only makes the differences between them ${temperature > 1 ? 'smaller (flatter probabilities)' : temperature < 1 ? 'larger (sharper probabilities)' : 'as they are'}.`
        : 'The top class changed, which dividing by a positive temperature cannot do: a rounding effect of near-equal scores.',
    ],
    supports: temperature === 1 ? null : temperature > 1 ? 'flatter' : 'sharper',
    pointHolds: sameTop && Math.abs(sum - 1) < 1e-6 && flatter,
    figures: { top, topAtOne: base[top], topAtTemperature: scaled[top], entropyAtOne: entropyBits(base), entropyAtTemperature: entropyBits(scaled) },
  };
}
