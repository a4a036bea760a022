import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../model/build';
import { SIMPLE_CNN } from '../model/spec';
import { argMax } from './activations';
import { gradCam, gradientSaliency } from './attention';
import { pixelsToInput } from './snapshot';
import { buildKnownModel, squaresImage, TINY_SIZE } from './testModels';

let known: tf.Sequential;

beforeAll(async () => {
  await tf.setBackend('cpu');
  known = buildKnownModel();
});
afterAll(() => known.dispose());

/** [row, col] of the hottest pixel. */
function hottest(heat: Float32Array): [number, number] {
  const i = argMax(heat);
  return [Math.floor(i / TINY_SIZE), i % TINY_SIZE];
}

const inSquare = ([r, c]: [number, number], [r0, c0]: readonly [number, number]) => r >= r0 && r < r0 + 2 && c >= c0 && c < c0 + 2;

describe('Grad-CAM on a model with a known answer', () => {
  const square = [1, 1] as const;

  it('for the class that counts bright pixels, heats exactly the bright square', async () => {
    const input = pixelsToInput(known, squaresImage([square]), 'unit');
    const map = await gradCam(known, input, 0);
    input.dispose();
    expect(map.coarse?.layerName).toBe('conv');
    expect(inSquare(hottest(map.heat), square)).toBe(true);
    for (let r = 0; r < TINY_SIZE; r++) {
      for (let c = 0; c < TINY_SIZE; c++) expect(map.heat[r * TINY_SIZE + c]).toBeCloseTo(inSquare([r, c], square) ? 1 : 0, 5);
    }
  });

  it('for the class that counts dark pixels, heats everything but the square', async () => {
    const input = pixelsToInput(known, squaresImage([square]), 'unit');
    const map = await gradCam(known, input, 1);
    input.dispose();
    expect(inSquare(hottest(map.heat), square)).toBe(false);
    expect(map.heat[2 * TINY_SIZE + 2]).toBeCloseTo(0, 5);
    expect(map.heat[6 * TINY_SIZE + 6]).toBeCloseTo(1, 5);
  });
});

describe('gradient saliency on a model with a known answer', () => {
  const topLeft = [1, 1] as const;
  const bottomRight = [5, 5] as const;

  it('points at the square in the quadrant each class looks at', async () => {
    const input = pixelsToInput(known, squaresImage([topLeft, bottomRight]), 'unit');
    const forTopLeft = await gradientSaliency(known, input, 0);
    const forBottomRight = await gradientSaliency(known, input, 2);
    input.dispose();
    expect(inSquare(hottest(forTopLeft.heat), topLeft)).toBe(true);
    expect(forTopLeft.heat[6 * TINY_SIZE + 6]).toBe(0);
    expect(inSquare(hottest(forBottomRight.heat), bottomRight)).toBe(true);
    expect(forBottomRight.heat[2 * TINY_SIZE + 2]).toBe(0);
  });
});

describe('attention maps on the default CNN', () => {
  it('cover the 28×28 input in [0, 1], from the last convolution, without leaking tensors', async () => {
    const model = buildModel(SIMPLE_CNN);
    const pixels = new Uint8Array(784);
    for (let r = 6; r < 22; r++) for (let c = 8; c < 20; c++) pixels[r * 28 + c] = 200;
    const input = pixelsToInput(model, pixels, 'unit');
    await gradCam(model, input, 3); // warm-up
    const before = tf.memory().numTensors;
    const cam = await gradCam(model, input, 3);
    const saliency = await gradientSaliency(model, input, 3);
    expect(tf.memory().numTensors).toBe(before);
    for (const map of [cam, saliency]) {
      expect([map.height, map.width, map.heat.length]).toEqual([28, 28, 784]);
      expect(Math.min(...map.heat)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...map.heat)).toBeLessThanOrEqual(1);
    }
    expect(cam.coarse).toMatchObject({ layerName: 'conv2d_3', height: 11, width: 11 });
    expect(saliency.maxRaw).toBeGreaterThan(0);
    await expect(gradCam(model, input, 10)).rejects.toThrow(/class 10 is not one of the model's 10 classes/);
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
    model.dispose();
  });
});
