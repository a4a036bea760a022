/** Lesson 2: what convolution filters do: learned filters forming, and a filter you edit by hand. */
import { IMAGE_SIZE } from '../../ml/constants';
import type { ArmResult } from '../../ml/experiments/plan';
import { count, pct, type ExperimentLesson } from './lessonModel';
import { armConfig, conv, dense, flatten, maxPool, net, type Sizing } from './lessonParts';

const FIRST_FILTERS = 8;
/** A brisk rate, so the filters visibly form within a minute. */
const NETWORK = net([conv(FIRST_FILTERS), maxPool, conv(16), maxPool, flatten, dense(32)], { learningRate: 0.002 });
/** A trouser in the test set: long vertical edges. */
export const FILTER_IMAGE = 2;

/** Hand-made 3×3 filters to start editing from (row-major). */
export const PRESET_KERNELS: readonly { readonly id: string; readonly label: string; readonly kernel: readonly number[] }[] = [
  { id: 'vertical', label: 'Vertical edges', kernel: [-1, 0, 1, -1, 0, 1, -1, 0, 1] },
  { id: 'horizontal', label: 'Horizontal edges', kernel: [-1, -1, -1, 0, 0, 0, 1, 1, 1] },
  { id: 'blur', label: 'Blur', kernel: [1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9] },
  { id: 'sharpen', label: 'Sharpen', kernel: [0, -1, 0, -1, 5, -1, 0, -1, 0] },
];

/**
 * A 3×3 filter slid over a 28×28 image (bytes 0..255, scaled to 0..1) without padding, then
 * ReLU, as a Conv2D layer with that kernel and no bias computes it: 26×26 values ≥ 0.
 */
export function applyFilter(image: ArrayLike<number>, kernel: readonly number[]): number[] {
  const out: number[] = [];
  const n = IMAGE_SIZE - 2;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      let sum = 0;
      for (let ky = 0; ky < 3; ky++) for (let kx = 0; kx < 3; kx++) sum += kernel[ky * 3 + kx] * (image[(y + ky) * IMAGE_SIZE + x + kx] / 255);
      out.push(Math.max(0, sum));
    }
  }
  return out;
}

/** What a hand-edited filter does to the image: its total response and where it is strongest. */
export function filterResponse(image: ArrayLike<number>, kernel: readonly number[]): { total: number; peak: number; active: number; map: number[] } {
  const map = applyFilter(image, kernel);
  return { total: map.reduce((a, b) => a + b, 0), peak: Math.max(...map), active: map.filter((v) => v > 0.1).length / map.length, map };
}

/** Mean absolute change of the filters' weights, relative to their mean absolute initial size. */
export function filterChange(result: ArmResult): { relative: number; meanAbsChange: number } {
  const f = result.filters;
  if (!f) return { relative: NaN, meanAbsChange: NaN };
  const change = f.after.reduce((s, a, i) => s + Math.abs(a - f.before[i]), 0) / f.after.length;
  const size = f.before.reduce((s, b) => s + Math.abs(b), 0) / f.before.length;
  return { relative: change / size, meanAbsChange: change };
}

export function filtersLesson(size: Sizing = { trainSize: 5000, testSize: 2000, epochs: 2 }): ExperimentLesson {
  const config = armConfig({ trainSize: size.trainSize, testSize: size.testSize, epochs: size.epochs, batchSize: 32, seed: 5 });
  return {
    kind: 'experiment',
    id: 'filters',
    number: 2,
    title: 'What filters do',
    question: 'What is the role of convolutional filters/kernels?',
    expectPrompt: `A CNN whose first layer has ${FIRST_FILTERS} filters of 3×3 weights starts from random weights and trains for ${size.epochs} epoch${size.epochs === 1 ? '' : 's'} on ${count(size.trainSize)} images. What do you expect its filters to become?`,
    choices: [
      { id: 'detectors', label: 'Small pattern detectors (edges, light/dark transitions), each lighting up a different part of the garment' },
      { id: 'copies', label: 'Tiny copies of the garments they saw' },
      { id: 'random', label: 'They stay random: the dense layers do the work' },
    ],
    runSummary: `One run of ${size.epochs} epoch${size.epochs === 1 ? '' : 's'} on ${count(size.trainSize)} images; the first layer's filters are kept before and after, with their maps of a trouser.`,
    curve: 'batchLoss',
    figure: 'filters',
    tryIt: { spec: NETWORK, config: { trainSize: size.trainSize, epochs: size.epochs, testSize: size.testSize } },
    plan: { id: 'filters', arms: [{ id: 'cnn', label: 'CNN', spec: NETWORK, config, filters: true, maps: { image: FILTER_IMAGE, layers: [0] } }] },
    explain(results) {
      const run = results.cnn as ArmResult;
      const { relative } = filterChange(run);
      const map = run.maps[0];
      const channels = map?.shape[2] ?? 0;
      const sums = new Array<number>(channels).fill(0);
      const actives = new Array<number>(channels).fill(0);
      map?.values.forEach((v, i) => {
        sums[i % channels] += v;
        if (v > 0.05) actives[i % channels]++;
      });
      const positions = map ? map.shape[0] * map.shape[1] : 1;
      const shares = actives.map((a) => a / positions);
      const busiest = sums.reduce((b, s, i) => (s > sums[b] ? i : b), 0);
      const quietest = sums.reduce((b, s, i) => (s < sums[b] ? i : b), 0);
      const losses = run.batchLoss;
      const distinct = Math.max(...shares) - Math.min(...shares);
      return {
        sentences: [
          `Training moved the first layer's weights by ${pct(relative, 0)} of their starting size on average, while the loss fell from ${losses[0]?.loss.toFixed(2)} to ${losses[losses.length - 1]?.loss.toFixed(2)} and the network reached ${pct(run.test?.accuracy ?? NaN)} on ${count(run.test?.count ?? 0)} test images.`,
          `Each filter is 9 weights slid over the image: where the patch under it matches its pattern the output is high. On the trouser, filter ${busiest + 1} responds at ${pct(shares[busiest], 0)} of the positions and filter ${quietest + 1} at ${pct(shares[quietest], 0)}: different filters pick out different parts (edges, the garment's body, the background), and the next layers combine these maps.`,
          'Edit the filter above to see it yourself: a filter with negative weights on the left and positive on the right lights up where the image gets brighter from left to right — the trouser\'s vertical edges.',
        ],
        supports: relative > 0.05 && distinct > 0.1 ? 'detectors' : relative <= 0.05 ? 'random' : null,
        pointHolds: relative > 0.05 && distinct > 0.1 && (run.test?.accuracy ?? 0) > 0.5,
        figures: { relativeChange: relative, busiestShare: shares[busiest], quietestShare: shares[quietest], accuracy: run.test?.accuracy ?? NaN },
      };
    },
  };
}
