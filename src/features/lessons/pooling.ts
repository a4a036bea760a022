/** Lesson 3: no pooling, max pooling and average pooling in the same network: weights, time, accuracy and maps. */
import type { ArmMap, ArmResult } from '../../ml/experiments/plan';
import { count, pct, points, type ExperimentLesson } from './lessonModel';
import { armConfig, avgPool, conv, dense, flatten, maxPool, net, type Sizing } from './lessonParts';

export const WITH_MAX = net([conv(16), maxPool, conv(32), maxPool, flatten, dense(32)]);
const WITH_AVG = net([conv(16), avgPool, conv(32), avgPool, flatten, dense(32)]);
const WITHOUT = net([conv(16), conv(32), flatten, dense(32)]);
/** A trouser in the test set (index 2): long vertical edges. */
export const MAP_IMAGE = 2;
/** Pixels the test images are moved for the robustness check. */
const SHIFT = 2;

/** A [h, w, c] map pooled 2×2 (stride 2) by `how`, channel `channel` only: [h/2 × w/2] values. */
export function pool2x2(map: ArmMap, channel: number, how: 'max' | 'avg'): { width: number; height: number; values: number[] } {
  const [h, w, c] = map.shape;
  const oh = Math.floor(h / 2);
  const ow = Math.floor(w / 2);
  const values: number[] = [];
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const cell = [0, 1].flatMap((dy) => [0, 1].map((dx) => map.values[((2 * y + dy) * w + 2 * x + dx) * c + channel]));
      values.push(how === 'max' ? Math.max(...cell) : cell.reduce((a, b) => a + b, 0) / 4);
    }
  }
  return { width: ow, height: oh, values };
}

/** The channel of a map with the most total activation (the one worth showing). */
export function liveliestChannel(map: ArmMap): number {
  const c = map.shape[2];
  const sums = new Array<number>(c).fill(0);
  map.values.forEach((v, i) => (sums[i % c] += v));
  return sums.reduce((best, s, i) => (s > sums[best] ? i : best), 0);
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const peak = (values: readonly number[]) => Math.max(...values);

export function poolingLesson(size: Sizing = { trainSize: 3000, testSize: 2000, epochs: 2 }): ExperimentLesson {
  const config = armConfig({ trainSize: size.trainSize, testSize: size.testSize, epochs: size.epochs, batchSize: 64, seed: 3 });
  const maps = { image: MAP_IMAGE, layers: [0, 1] };
  const shiftedTest = SHIFT;
  return {
    kind: 'experiment',
    id: 'pooling',
    number: 3,
    title: 'Max pooling and average pooling',
    question: 'Why pooling, and how do MaxPooling and AveragePooling differ?',
    expectPrompt: `The same two convolutions are trained three times on ${count(size.trainSize)} images: with no pooling, with 2×2 max pooling after each, and with 2×2 average pooling. What do you expect?`,
    choices: [
      { id: 'smaller', label: 'Pooling makes the network many times smaller and steadier when the garment moves; max keeps the strongest responses, average blurs them' },
      { id: 'same', label: 'Pooling changes little: about as many weights, about as fast' },
      { id: 'slower', label: 'Pooling makes training slower: it is one more step per layer' },
    ],
    runSummary: `Three runs of ${size.epochs} epochs on ${count(size.trainSize)} images (no pooling, max, average), each scored on ${count(size.testSize)} test images as they are and moved ${SHIFT} px; then one trouser's feature maps.`,
    curve: 'valAccuracy',
    figure: 'poolingMaps',
    tryIt: { spec: WITH_AVG, config: { trainSize: size.trainSize, epochs: size.epochs, testSize: size.testSize } },
    plan: {
      id: 'pooling',
      arms: [
        { id: 'none', label: 'No pooling', spec: WITHOUT, config, shiftedTest },
        { id: 'max', label: 'Max pooling', spec: WITH_MAX, config, maps, shiftedTest },
        { id: 'avg', label: 'Average pooling', spec: WITH_AVG, config, maps, shiftedTest },
      ],
    },
    explain(results) {
      const none = results.none as ArmResult;
      const max = results.max as ArmResult;
      const avg = results.avg as ArmResult;
      const acc = (r: ArmResult) => r.test?.accuracy ?? NaN;
      const [conv, pooled] = max.maps;
      const channel = conv ? liveliestChannel(conv) : 0;
      const asMax = conv ? pool2x2(conv, channel, 'max').values : [];
      const asAvg = conv ? pool2x2(conv, channel, 'avg').values : [];
      const before = conv ? conv.shape.reduce((a, b) => a * b, 1) : 0;
      const after = pooled ? pooled.shape.reduce((a, b) => a * b, 1) : 0;
      const sizeRatio = none.params / max.params;
      const speedRatio = none.trainSeconds / max.trainSeconds;
      const closeEnough = Math.abs(acc(max) - acc(none)) <= 0.03;
      const drop = (r: ArmResult) => acc(r) - (r.shiftedTest?.accuracy ?? NaN);
      const steadier = drop(max) < drop(none);
      return {
        sentences: [
          `Each 2×2 pooling keeps one value per window: the first convolution's ${count(before)} values (${conv?.shape.join('×')}) become ${count(after)} (${pooled?.shape.join('×')}), a quarter.`,
          `Without pooling the network has ${count(none.params)} weights (the dense layer sees every position) and trained in ${none.trainSeconds.toFixed(1)} s; with max pooling ${count(max.params)} weights (${sizeRatio.toFixed(1)}× fewer) in ${max.trainSeconds.toFixed(1)} s (${speedRatio.toFixed(1)}× faster).`,
          `Test accuracy: no pooling ${pct(acc(none))}, max pooling ${pct(acc(max))}, average pooling ${pct(acc(avg))}. ${
            closeEnough
              ? 'Pooling cost little or nothing in accuracy.'
              : acc(none) > acc(max)
                ? `In this short run the un-pooled network, with its ${sizeRatio.toFixed(0)}× more weights, was ${points(acc(none) - acc(max))} ahead; it pays for them in time, memory and a greater risk of memorising the training images.`
                : `Pooling was ${points(acc(max) - acc(none))} ahead here.`
          } Max pooling was ${acc(max) >= acc(avg) ? `${points(acc(max) - acc(avg))} ahead of` : `${points(acc(avg) - acc(max))} behind`} average pooling.`,
          `With the test images moved ${SHIFT} pixels, the un-pooled network lost ${points(drop(none))}, max pooling ${points(drop(max))}, average pooling ${points(drop(avg))}: ${steadier ? 'pooling summarises each neighbourhood, so a small shift changes less of what the dense layer sees.' : 'in this run pooling did not make the network steadier under the shift.'}`,
          `On the trouser image, the max-pooled map of the busiest filter has a peak of ${peak(asMax).toFixed(2)} and a mean of ${mean(asMax).toFixed(2)}; averaging the same windows gives a peak of ${peak(asAvg).toFixed(2)} and a mean of ${mean(asAvg).toFixed(2)}. Max pooling keeps the strongest response in each window (an edge is still there if it moved a pixel); average pooling keeps the overall level and smooths edges away.`,
        ],
        // Time is reported, never judged on: it depends on the machine and what else runs on it.
        supports: sizeRatio > 2 ? 'smaller' : speedRatio < 0.9 ? 'slower' : 'same',
        pointHolds: after * 4 === before && sizeRatio > 5 && steadier && mean(asMax) >= mean(asAvg) && peak(asMax) >= peak(asAvg),
        figures: { noneDrop: drop(none), maxDrop: drop(max), avgDrop: drop(avg), noneParams: none.params, maxParams: max.params, noneAccuracy: acc(none), maxAccuracy: acc(max), avgAccuracy: acc(avg), noneSeconds: none.trainSeconds, maxSeconds: max.trainSeconds },
      };
    },
  };
}
