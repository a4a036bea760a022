/** Lesson 4: the same network trained twice, on pixels scaled to 0–1 and on raw 0–255 pixels. */
import type { ArmResult } from '../../ml/experiments/plan';
import { count, pct, type ExperimentLesson } from './lessonModel';
import { armConfig, conv, dense, flatten, maxPool, net, type Sizing } from './lessonParts';

export const NORMALISED = net([conv(16), maxPool, conv(32), maxPool, flatten, dense(32)]);
export const RAW = { ...NORMALISED, inputScaling: 'raw255' as const };
/** The batches at the end of each run whose mean loss is compared (one batch alone is noisy). */
export const LAST_BATCHES = 10;
/** Accuracy of guessing among ten classes. */
const CHANCE = 0.1;

/** The mean training loss of the last `n` batches an arm trained (NaN if it trained none). */
export function finalLoss(result: ArmResult, n = LAST_BATCHES): number {
  const finite = result.batchLoss.filter((p) => Number.isFinite(p.loss)).slice(-n);
  return finite.length ? finite.reduce((s, p) => s + p.loss, 0) / finite.length : NaN;
}

export function normaliseLesson(size: Sizing = { trainSize: 2000, testSize: 2000, epochs: 2 }): ExperimentLesson {
  const config = armConfig({ trainSize: size.trainSize, testSize: size.testSize, epochs: size.epochs, batchSize: 32, seed: 6 });
  return {
    kind: 'experiment',
    id: 'normalise',
    number: 4,
    title: 'Why normalise pixel values?',
    question: 'Why normalise pixel values before training?',
    expectPrompt: `The same CNN, from the same random start, trains twice on the same ${count(size.trainSize)} images in the same order for ${size.epochs} epochs: once with each pixel divided by 255 (values 0–1), once with the raw pixel values (0–255). What do you expect?`,
    choices: [
      { id: 'normalised', label: 'The 0–1 run reaches a lower loss in the same number of steps' },
      { id: 'raw', label: 'The 0–255 run learns faster: bigger numbers, bigger signals' },
      { id: 'same', label: 'No difference: the network can learn to scale its inputs itself' },
    ],
    runSummary: `Two runs of ${size.epochs} epochs on ${count(size.trainSize)} images, the same seed, one on pixels ÷ 255 and one on raw pixels; their training losses overlaid, then both scored on ${count(size.testSize)} test images.`,
    curve: 'batchLoss',
    tryIt: { spec: RAW, config: { trainSize: size.trainSize, epochs: size.epochs, batchSize: 32, testSize: size.testSize } },
    plan: {
      id: 'normalise',
      arms: [
        { id: 'unit', label: 'Pixels ÷ 255 (0–1)', spec: NORMALISED, config },
        { id: 'raw', label: 'Raw pixels (0–255)', spec: RAW, config },
      ],
    },
    explain(results) {
      const unit = results.unit as ArmResult;
      const raw = results.raw as ArmResult;
      const acc = (r: ArmResult) => r.test?.accuracy ?? NaN;
      const steps = (r: ArmResult) => r.batchLoss.at(-1)?.step ?? 0;
      const first = (r: ArmResult) => r.batchLoss.find((p) => Number.isFinite(p.loss))?.loss ?? NaN;
      const [unitLoss, rawLoss] = [finalLoss(unit), finalLoss(raw)];
      const ratio = rawLoss / unitLoss;
      const sameSteps = steps(unit) === steps(raw);
      // "Higher": by a fifth at least (the last batches' mean moves a few percent between seeds).
      const higher = ratio > 1.2;
      const diverged = raw.status === 'diverged';
      return {
        sentences: [
          `Both runs trained ${count(steps(unit))}${sameSteps ? '' : ` and ${count(steps(raw))}`} batches of 32 images, from the same starting weights and in the same order. Their first batch's loss: ${first(unit).toFixed(2)} on 0–1 pixels, ${first(raw).toFixed(2)} on 0–255 pixels.`,
          `Over their last ${LAST_BATCHES} batches the training loss averaged ${unitLoss.toFixed(3)} on 0–1 pixels and ${rawLoss.toFixed(3)} on raw pixels${higher ? `: ${ratio.toFixed(1)}× higher` : ''}. On the ${count(unit.test?.count ?? 0)} test images: ${pct(acc(unit))} against ${pct(acc(raw))}.`,
          diverged ? `The raw-pixel run was stopped when its loss blew up: ${raw.message ?? 'it stopped being a number'}.` : null,
          acc(raw) < CHANCE + 0.1 ? `The raw-pixel network is barely better than guessing (${pct(CHANCE, 0)} for ten classes), and a loss of ${rawLoss.toFixed(1)} is far worse than a guess's ${Math.log(10).toFixed(2)}: it is confidently wrong.` : null,
          higher
            ? `With raw pixels every input is up to 255 times larger, so the first layer's sums and the network's scores are hundreds of times too large from the first batch: the softmax puts nearly all its probability on one class, and the weights' random start and the learning rate, both chosen for inputs near 0–1, no longer fit. Dividing by 255 puts every input on the scale they were chosen for, so each step of the optimizer improves the network.`
            : `In this run the raw pixels did not leave the loss clearly higher (${ratio.toFixed(2)}×): the optimizer coped with the large inputs this time.`,
        ].filter((s): s is string => s !== null),
        supports: higher ? 'normalised' : ratio < 0.83 ? 'raw' : 'same',
        pointHolds: higher && sameSteps,
        figures: { unitLoss, rawLoss, ratio, unitAccuracy: acc(unit), rawAccuracy: acc(raw), unitFirstLoss: first(unit), rawFirstLoss: first(raw), steps: steps(unit), unitSeconds: unit.trainSeconds, rawSeconds: raw.trainSeconds },
      };
    },
  };
}
