/** Lesson 6: 1,000 training images, five ways to fight overfitting, the train/validation gap measured. */
import type { ArmResult } from '../../ml/experiments/plan';
import { count, pct, points, type ExperimentLesson } from './lessonModel';
import { armConfig, conv, dense, dropout, flatten, maxPool, net, type Sizing } from './lessonParts';

const BASE_LAYERS = [conv(16), maxPool, conv(32), maxPool, flatten, dense(128)];
export const PLAIN = net(BASE_LAYERS);
const WITH_DROPOUT = net([conv(16), maxPool, dropout(0.25), conv(32), maxPool, dropout(0.25), flatten, dense(128), dropout(0.5)]);
const WITH_AUGMENTATION = net(BASE_LAYERS, { augmentation: { shift: 2, flip: true, erase: 0 } });
const WITH_L2 = net(BASE_LAYERS, { l2: 0.005 });

/** The train/validation gap of an arm: at its last epoch, or at the best epoch early stopping went back to. */
export function gapOf(result: ArmResult): { train: number; val: number; gap: number; epoch: number } {
  const restored = result.earlyStopping?.restored ? result.earlyStopping.bestEpoch : -1;
  const epoch = restored >= 0 ? result.epochs[restored] : result.epochs[result.epochs.length - 1];
  const train = epoch?.accuracy ?? NaN;
  const val = epoch?.valAccuracy ?? NaN;
  return { train, val, gap: train - val, epoch: epoch ? epoch.epoch + 1 : 0 };
}

export function overfittingLesson(size: Sizing = { trainSize: 1250, testSize: 2000, epochs: 12 }): ExperimentLesson {
  // A fifth held out for validation: 1,000 images train.
  const config = armConfig({ trainSize: size.trainSize, testSize: size.testSize, epochs: size.epochs, batchSize: 32, validationSplit: 0.2, seed: 2 });
  const trained = Math.round(size.trainSize * 0.8);
  return {
    kind: 'experiment',
    id: 'overfitting',
    number: 6,
    title: 'Fighting overfitting',
    question: 'What strategies help prevent overfitting (dropout, augmentation, early stopping, L2)?',
    expectPrompt: `The same CNN trains on only ${count(trained)} images for ${size.epochs} epochs: once as it is, then with dropout, with augmentation (shifts and flips), with early stopping, and with L2 weight decay. Which run will show the largest gap between training and validation accuracy?`,
    choices: [
      { id: 'none', label: 'The one without any regularisation' },
      { id: 'regularised', label: 'One of the regularised runs' },
      { id: 'same', label: 'All about the same' },
    ],
    runSummary: `Five runs of ${size.epochs} epochs on ${count(trained)} images (${count(size.trainSize - trained)} held out for validation), then each scored on ${count(size.testSize)} test images.`,
    curve: 'trainVsVal',
    tryIt: { spec: PLAIN, config: { trainSize: size.trainSize, validationSplit: 0.2, epochs: size.epochs, batchSize: 32, testSize: size.testSize } },
    plan: {
      id: 'overfitting',
      arms: [
        { id: 'none', label: 'No regularisation', spec: PLAIN, config },
        { id: 'dropout', label: 'Dropout', spec: WITH_DROPOUT, config },
        { id: 'augmentation', label: 'Augmentation', spec: WITH_AUGMENTATION, config },
        { id: 'early', label: 'Early stopping', spec: PLAIN, config: { ...config, earlyStopping: 'val_loss', patience: 2, restoreBestWeights: true } },
        { id: 'l2', label: 'L2 weight decay', spec: WITH_L2, config },
      ],
    },
    explain(results) {
      const arms = ['none', 'dropout', 'augmentation', 'early', 'l2'].map((id) => results[id] as ArmResult);
      const gaps = arms.map(gapOf);
      const [none, ...regularised] = gaps;
      const narrower = regularised.filter((g) => g.gap < none.gap).length;
      const largest = gaps.reduce((best, g, i) => (g.gap > gaps[best].gap ? i : best), 0);
      const early = results.early as ArmResult;
      const test = (r: ArmResult) => r.test?.accuracy ?? NaN;
      const line = (r: ArmResult, g: ReturnType<typeof gapOf>) =>
        `${r.label}: training ${pct(g.train)}, validation ${pct(g.val)}, gap ${points(g.gap)}, test ${pct(test(r))}.`;
      return {
        sentences: [
          `Without regularisation the network reached ${pct(none.train)} on its ${count(trained)} training images but ${pct(none.val)} on the held-out ones: a gap of ${points(none.gap)}. It learned those images more than it learned clothing.`,
          ...arms.slice(1).map((r, i) => line(r, regularised[i])),
          early.earlyStopping?.stoppedEarly
            ? `Early stopping ended after epoch ${early.epochs.length} and went back to epoch ${early.earlyStopping.bestEpoch + 1}, where the validation loss was lowest.`
            : `Early stopping never triggered: the validation loss kept improving within its patience of 2 epochs.`,
          `${narrower} of the 4 regularised runs had a smaller gap than the plain one; the largest gap was "${arms[largest].label}". Dropout and augmentation make each training step harder to memorise, L2 keeps weights small, early stopping quits before memorising sets in.`,
        ],
        supports: largest === 0 ? 'none' : Math.max(...gaps.map((g) => g.gap)) - Math.min(...gaps.map((g) => g.gap)) < 0.02 ? 'same' : 'regularised',
        pointHolds: gaps[1].gap < none.gap && narrower >= 3,
        figures: Object.fromEntries(arms.flatMap((r, i) => [[`${r.armId}Gap`, gaps[i].gap], [`${r.armId}Test`, test(r)]])),
      };
    },
  };
}
