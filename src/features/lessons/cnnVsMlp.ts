/** Lesson 1: a fully connected network against a CNN with fewer weights, on centred and shifted images. */
import type { ArmResult } from '../../ml/experiments/plan';
import { count, pct, points, type ExperimentLesson } from './lessonModel';
import { armConfig, conv, dense, flatten, maxPool, net, type Sizing } from './lessonParts';

export const MLP = net([flatten, dense(128)]);
/** Fewer weights than the MLP: the convolutions share theirs across the image. */
export const SMALL_CNN = net([conv(16), maxPool, conv(32), maxPool, flatten, dense(32)]);
const SHIFT = 3;

export function cnnVsMlpLesson(size: Sizing = { trainSize: 10_000, testSize: 2_000, epochs: 3 }): ExperimentLesson {
  const config = armConfig({ trainSize: size.trainSize, testSize: size.testSize, epochs: size.epochs, batchSize: 64, seed: 1 });
  return {
    kind: 'experiment',
    id: 'cnn-vs-mlp',
    number: 1,
    title: 'CNN or fully connected?',
    question: 'What advantages do CNNs have over fully connected networks for image data?',
    expectPrompt: `A fully connected network (MLP) and a small CNN train on the same ${count(size.trainSize)} images for the same ${size.epochs} epochs. Then both see the test images moved ${SHIFT} pixels to the right. What do you expect?`,
    choices: [
      { id: 'cnn', label: 'The CNN does at least as well with far fewer weights, and copes better with shifted images' },
      { id: 'mlp', label: 'The MLP is more accurate: it has more weights' },
      { id: 'same', label: 'They end up about the same' },
    ],
    runSummary: `Trains an MLP and a CNN on ${count(size.trainSize)} images, ${size.epochs} epochs each, then scores both on ${count(size.testSize)} test images as they are and shifted ${SHIFT} px.`,
    curve: 'valAccuracy',
    tryIt: { spec: SMALL_CNN, config: { trainSize: size.trainSize, epochs: size.epochs, testSize: size.testSize } },
    plan: {
      id: 'cnn-vs-mlp',
      arms: [
        { id: 'mlp', label: 'Fully connected (MLP)', spec: MLP, config, shiftedTest: SHIFT },
        { id: 'cnn', label: 'CNN', spec: SMALL_CNN, config, shiftedTest: SHIFT },
      ],
    },
    explain(results) {
      const mlp = results.mlp as ArmResult;
      const cnn = results.cnn as ArmResult;
      const acc = (r: ArmResult) => r.test?.accuracy ?? NaN;
      const shifted = (r: ArmResult) => r.shiftedTest?.accuracy ?? NaN;
      const mlpDrop = acc(mlp) - shifted(mlp);
      const cnnDrop = acc(cnn) - shifted(cnn);
      const cnnWins = acc(cnn) > acc(mlp);
      // "As well": within two points of the MLP (on 2,000 test images one standard error of the difference is ~1.2 points).
      const asGood = acc(cnn) >= acc(mlp) - 0.02;
      const fewer = cnn.params * 2 < mlp.params;
      const robust = mlpDrop - cnnDrop >= 0.05;
      return {
        sentences: [
          `The fully connected network has ${count(mlp.params)} weights and reached ${pct(acc(mlp))} on the ${count(mlp.test?.count ?? 0)} test images; the CNN has ${count(cnn.params)} and reached ${pct(acc(cnn))}.`,
          `With every test image moved ${SHIFT} pixels to the right, the fully connected network fell to ${pct(shifted(mlp))} (−${points(mlpDrop)}), the CNN to ${pct(shifted(cnn))} (−${points(cnnDrop)}).`,
          asGood
            ? `The CNN did ${cnnWins ? 'better' : `about as well (${points(acc(mlp) - acc(cnn))} behind, within what another seed would change)`} with ${(mlp.params / cnn.params).toFixed(1)}× fewer weights: each 3×3 filter is one small set of weights reused at every position, so it learns a pattern once wherever it appears, while the fully connected layer needs a separate weight for every pixel.`
            : `In this run the fully connected network was ${points(acc(mlp) - acc(cnn))} more accurate on centred images, with ${(mlp.params / cnn.params).toFixed(1)}× the weights.`,
          robust
            ? `Shifting hurt the fully connected network more: its weights are tied to pixel positions, while convolution and pooling respond to a pattern wherever it is.`
            : `Shifting hurt both about as much in this run (less than 5 points apart).`,
        ],
        supports: asGood && robust ? 'cnn' : acc(mlp) > acc(cnn) + 0.02 ? 'mlp' : 'same',
        pointHolds: asGood && fewer && robust,
        figures: { mlpParams: mlp.params, cnnParams: cnn.params, mlpAccuracy: acc(mlp), cnnAccuracy: acc(cnn), mlpShifted: shifted(mlp), cnnShifted: shifted(cnn) },
      };
    },
  };
}
