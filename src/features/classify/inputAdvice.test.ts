import { describe, expect, it } from 'vitest';
import { CLASS_NAMES } from '../../ml/constants';
import { preprocessImage } from '../../ml/preprocess';
import { drawSample, fillRect, loadSamples, solid } from '../../ml/preprocess/fixtures/rasters';
import { loadRealSubset } from '../../test-support/realData';
import { adviseOnInput, adviseOnPrediction, coverage, describeTop, isBlank, MIN_COVERAGE, MIN_SOLIDITY, solidity, topPrediction } from './inputAdvice';

const WHITE = [255, 255, 255, 255] as const;
const INK = [20, 20, 20, 255] as const;

describe('adviseOnInput', () => {
  it('says nothing is drawn for a blank canvas, and that there is no item for a blank upload', () => {
    const blank = preprocessImage(solid(280, 280, WHITE));
    expect(isBlank(blank)).toBe(true);
    expect(adviseOnInput(blank, 'drawing')).toEqual([{ kind: 'empty', message: 'The canvas is blank: draw an item to classify.' }]);
    expect(adviseOnInput(blank, 'upload')[0].message).toMatch(/no item to classify/);
  });

  it('has nothing to say about real dataset items drawn dark on light', () => {
    for (const sample of loadSamples()) {
      const raster = solid(240, 240, WHITE);
      drawSample(raster, sample.pixels, 8, 8, 8, (v) => [255 - v, 255 - v, 255 - v, 255]);
      expect(adviseOnInput(preprocessImage(raster), 'upload'), sample.className).toEqual([]);
    }
  });

  it('suggests filling in an outline drawing', () => {
    const raster = solid(280, 280, WHITE);
    // A thin rectangular outline, 4 px wide on a 200 px shape: about 2 % of the frame.
    fillRect(raster, 40, 40, 200, 4, INK);
    fillRect(raster, 40, 236, 200, 4, INK);
    fillRect(raster, 40, 40, 4, 200, INK);
    fillRect(raster, 236, 40, 4, 200, INK);
    const advice = adviseOnInput(preprocessImage(raster), 'drawing');
    expect(advice.map((a) => a.kind)).toEqual(['outline']);
    expect(advice[0].message).toMatch(/looks like an outline: only \d+ % .*filling the shape in/);
  });

  it('says when a single line covers too little of the frame', () => {
    const raster = solid(280, 280, WHITE);
    fillRect(raster, 138, 40, 4, 200, INK);
    const advice = adviseOnInput(preprocessImage(raster), 'drawing');
    expect(advice.map((a) => a.kind)).toEqual(['thinLines']);
    expect(advice[0].message).toMatch(/covers only \d+ % of the 28×28 frame/);
  });

  it('flags almost empty and low-contrast inputs', () => {
    const dot = solid(280, 280, WHITE);
    fillRect(dot, 100, 100, 2, 2, INK);
    expect(adviseOnInput(preprocessImage(dot), 'drawing')[0]).toMatchObject({ kind: 'empty', message: expect.stringMatching(/Almost nothing/) });
    const faint = solid(200, 200, [128, 128, 128, 255]);
    fillRect(faint, 50, 40, 100, 120, [118, 118, 118, 255]);
    expect(adviseOnInput(preprocessImage(faint), 'upload').map((a) => a.kind)).toContain('lowContrast');
  });
});

describe('thresholds for "unlike the training data"', () => {
  it('let through at least 99.8 % of real training images', () => {
    const { images } = loadRealSubset('train', 5000);
    let flagged = 0;
    for (let i = 0; i < 5000; i++) {
      const pixels = images.subarray(i * 784, (i + 1) * 784);
      if (coverage(pixels) < MIN_COVERAGE || solidity(pixels) < MIN_SOLIDITY) flagged++;
    }
    expect(flagged).toBeLessThanOrEqual(10);
  });

  it('measures solidity as covered pixels over row spans', () => {
    const square = new Uint8Array(784);
    for (let i = 0; i < 28; i++) square[i] = square[27 * 28 + i] = square[i * 28] = square[i * 28 + 27] = 255;
    expect(solidity(square)).toBeCloseTo(108 / 784, 5);
    expect(solidity(new Uint8Array(784).fill(200))).toBe(1);
    expect(solidity(new Uint8Array(784))).toBe(0);
  });
});

describe('predictions in words', () => {
  const probabilities = (top: number, p: number, second: number, q: number) => {
    const out = new Float32Array(10).fill((1 - p - q) / 8);
    out[top] = p;
    out[second] = q;
    return out;
  };

  it('names the top class and the runner-up', () => {
    const top = topPrediction(probabilities(1, 0.93, 3, 0.05));
    expect(top).toMatchObject({ classIndex: 1, className: 'Trouser', second: { className: 'Dress' } });
    expect(describeTop(top)).toBe('Trouser (93 %)');
    expect(adviseOnPrediction(top)).toBeNull();
  });

  it('warns gently when the model is unsure', () => {
    const top = topPrediction(probabilities(9, 0.34, 7, 0.3));
    expect(top.className).toBe(CLASS_NAMES[9]);
    expect(adviseOnPrediction(top)?.message).toBe(
      'The model is unsure: its best guess gets only 34 % (then Sneaker, 30 %). The input may look unlike the training images.',
    );
  });
});
