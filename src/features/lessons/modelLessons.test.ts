/**
 * Lessons 7 and 5 on the shipped pretrained model and real test images (WASM): its most
 * confused pair is two look-alike classes; a temperature above 1 flattens softmax without
 * changing the winner, on every image tried.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { range } from '../../ml/data/batches';
import { loadModelFromFiles } from '../../ml/models/loadModel';
import { predictInBatches } from '../../ml/training/evaluate';
import { loadRealSubset } from '../../test-support/realData';
import { useWasm } from '../../test-support/experiments';
import { confusionFindings } from './confusion';
import { softmaxFindings } from './softmax';

const dir = join(import.meta.dirname, '../../../public/models/pretrained');
const test = loadRealSubset('test', 1000);
let model: tf.LayersModel;
let probabilities: Float32Array;

beforeAll(async () => {
  await useWasm();
  model = await loadModelFromFiles({ modelJson: readFileSync(join(dir, 'model.json'), 'utf8'), weights: new Uint8Array(readFileSync(join(dir, 'weights.bin'))) });
  probabilities = (await predictInBatches(model, test.images, range(0, 1000), { inputScaling: 'unit' }))!;
}, 300_000);
afterAll(() => model.dispose());

describe('lesson 7: confusion matrix', () => {
  it('finds the most confused pair among look-alike classes, with examples of both directions', () => {
    const findings = confusionFindings(probabilities, range(0, 1000), test.labels);
    expect(findings.pointHolds).toBe(true);
    expect(findings.figures.accuracy).toBeGreaterThan(0.85);
    expect(findings.examples.aAsB.length + findings.examples.bAsA.length).toBeGreaterThan(0);
    for (const i of findings.examples.aAsB) expect(test.labels[i]).toBe(findings.pair!.a);
  });
});

describe('lesson 5: softmax temperature', () => {
  it('above 1 it flattens the probabilities and keeps the winner; below 1 it sharpens them', () => {
    for (let image = 0; image < 50; image++) {
      const p = probabilities.subarray(image * 10, image * 10 + 10);
      const hot = softmaxFindings(p, 3);
      expect(hot.pointHolds).toBe(true);
      expect(hot.figures.topAtTemperature).toBeLessThanOrEqual(hot.figures.topAtOne + 1e-9);
      expect(softmaxFindings(p, 0.5).pointHolds).toBe(true);
    }
  });
});
