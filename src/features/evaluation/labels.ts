/** Wording shared by the evaluation view, so the same pair is always described the same way. */
import { formatCount, formatPercent } from '../../components/format';
import { CLASS_NAMES } from '../../ml/constants';
import type { EvaluationResult, ExampleView } from './evaluationResult';

/** Size of the whole official test split. */
const FULL_TEST_SET = 10_000;

export const className = (k: number): string => CLASS_NAMES[k];

/** "True Shirt, predicted T-shirt/top": names a confusion-matrix cell. */
export const cellName = (trueClass: number, predictedClass: number): string =>
  `True ${className(trueClass)}, predicted ${className(predictedClass)}`;

/** "True Shirt, predicted T-shirt/top, 71% (wrong)": the accessible name of one example image. */
export const exampleLabel = (view: ExampleView): string =>
  `${cellName(view.trueClass, view.predictedClass)}, ${formatPercent(view.confidence, 0)} (${view.correct ? 'correct' : 'wrong'})`;

export const imagesCount = (n: number): string => `${formatCount(n)} ${n === 1 ? 'image' : 'images'}`;

/**
 * Which images and which moment of the run the numbers describe. `stoppedAt`: where the run
 * stopped, from the one run status ("epoch 2, batch 770 of 844"), for a stopped run's final test.
 */
export function describeSource(result: EvaluationResult, stoppedAt: string | null = null): string {
  const { source, count } = result;
  if (source.kind === 'epoch') {
    return `After epoch ${source.epoch + 1} of ${source.epochs}, on the first ${formatCount(count)} test ${count === 1 ? 'image' : 'images'} (a fixed subset, refreshed after every epoch; computed in ${result.seconds.toFixed(1)} s)`;
  }
  const which = count === FULL_TEST_SET ? `all ${formatCount(count)} test images` : `the ${formatCount(count)} test images of this run`;
  const when = !source.partial
    ? 'Final'
    : stoppedAt
      ? `Final, for the model stopped in ${stoppedAt} (of ${source.epochs} ${source.epochs === 1 ? 'epoch' : 'epochs'})`
      : `Final, for the model stopped after ${source.epochsCompleted} full ${source.epochsCompleted === 1 ? 'epoch' : 'epochs'} of ${source.epochs}`;
  return `${when}, on ${which} (evaluated in ${result.seconds.toFixed(1)} s)`;
}
