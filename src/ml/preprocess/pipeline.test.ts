import { describe, expect, it } from 'vitest';
import { IMAGE_PIXELS } from '../constants';
import { fillRect, solid } from './fixtures/rasters';
import { toModelInput } from './modelInput';
import { DEFAULT_MAX_INPUT_SIDE, preprocessImage, WARNING_MESSAGES } from './pipeline';
import { grayToRgba } from './raster';

const WHITE = [255, 255, 255, 255] as const;
const BLACK = [0, 0, 0, 255] as const;

/** Bounding box of the non-zero output pixels. */
function outputBox(pixels: Uint8Array) {
  let x0 = 28;
  let y0 = 28;
  let x1 = -1;
  let y1 = -1;
  pixels.forEach((v, i) => {
    if (v === 0) return;
    const x = i % 28;
    const y = Math.floor(i / 28);
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  });
  return { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

describe('preprocessImage', () => {
  it('turns a black 100x20 bar on white into a centred 28x6 bar', () => {
    const page = solid(300, 200, WHITE);
    fillRect(page, 30, 150, 100, 20, BLACK);
    const result = preprocessImage(page);
    expect(result.warnings).toEqual([]);
    expect(result.background.inverted).toBe(true);
    expect(result.crop).toEqual({ x: 30, y: 150, width: 100, height: 20 });
    expect(result.steps.fitted).toMatchObject({ width: 28, height: 6 });
    expect(result.placement).toEqual({ x: 0, y: 11, width: 28, height: 6, mode: 'box' });
    expect(outputBox(result.pixels)).toEqual({ x: 0, y: 11, width: 28, height: 6 });
    expect(result.pixels[14 * 28 + 14]).toBe(255);
    expect(result.pixels.length).toBe(IMAGE_PIXELS);
  });

  it('keeps a tall item tall', () => {
    const page = solid(200, 300, BLACK);
    fillRect(page, 150, 10, 30, 280, WHITE);
    const result = preprocessImage(page);
    expect(result.background.inverted).toBe(false);
    expect(result.steps.fitted).toMatchObject({ width: 3, height: 28 });
    expect(outputBox(result.pixels)).toEqual({ x: 13, y: 0, width: 3, height: 28 });
  });

  it('supports a margin (targetSide) and mass centring', () => {
    const page = solid(100, 100, WHITE);
    fillRect(page, 10, 10, 80, 80, BLACK);
    expect(outputBox(preprocessImage(page, { targetSide: 26 }).pixels)).toEqual({ x: 1, y: 1, width: 26, height: 26 });
    expect(preprocessImage(page, { centring: 'mass' }).placement?.mode).toBe('mass');
    expect(() => preprocessImage(page, { targetSide: 29 })).toThrow(RangeError);
  });

  it('reports an empty white page as empty, with a zero image', () => {
    const result = preprocessImage(solid(400, 300, WHITE));
    expect(result.warnings).toEqual(['empty']);
    expect(result.pixels.every((v) => v === 0)).toBe(true);
    expect(result.crop).toBeNull();
    expect(result.steps.cropped).toBeNull();
    expect(result.steps.centred).toMatchObject({ width: 28, height: 28 });
  });

  it('reports a fully transparent canvas as empty', () => {
    const result = preprocessImage(solid(280, 280, [0, 0, 0, 0]));
    expect(result.warnings).toContain('empty');
    expect(result.pixels.every((v) => v === 0)).toBe(true);
  });

  it('reports an almost empty page (a 3x3 dot on 400x300) as empty and tiny', () => {
    const page = solid(400, 300, WHITE);
    fillRect(page, 200, 100, 3, 3, BLACK);
    const result = preprocessImage(page);
    expect(result.warnings).toEqual(expect.arrayContaining(['empty', 'tiny']));
    expect(result.crop).toEqual({ x: 200, y: 100, width: 3, height: 3 });
  });

  it('handles 1x1 and 0x0 images without throwing', () => {
    for (const colour of [WHITE, BLACK, [0, 0, 0, 0] as const]) {
      const result = preprocessImage(solid(1, 1, colour));
      expect(result.warnings).toEqual(['tiny', 'empty']);
      expect(result.pixels).toHaveLength(IMAGE_PIXELS);
    }
    expect(preprocessImage({ width: 0, height: 0, data: new Uint8ClampedArray(0) }).warnings).toContain('empty');
  });

  it('enlarges a tiny drawing and says so', () => {
    const page = solid(6, 6, WHITE);
    fillRect(page, 2, 1, 2, 4, BLACK);
    const result = preprocessImage(page);
    expect(result.warnings).toEqual(['tiny']);
    expect(outputBox(result.pixels)).toEqual({ x: 7, y: 0, width: 14, height: 28 });
  });

  it('flags low contrast but still finds the item', () => {
    const page = solid(200, 200, [200, 200, 200, 255]);
    fillRect(page, 50, 40, 100, 120, [175, 175, 175, 255]);
    const result = preprocessImage(page);
    expect(result.warnings).toEqual(['lowContrast']);
    expect(result.crop).toEqual({ x: 50, y: 40, width: 100, height: 120 });
    expect(result.pixels[14 * 28 + 14]).toBe(255);
  });

  it('reduces a large input before processing (4000x3000 -> at most 512)', () => {
    const big = solid(4000, 3000, WHITE);
    fillRect(big, 1000, 500, 2000, 1000, BLACK);
    const result = preprocessImage(big);
    expect(result.grayscaleInfo.reduction).toBe(8);
    expect(Math.max(result.steps.grayscale.width, result.steps.grayscale.height)).toBeLessThanOrEqual(DEFAULT_MAX_INPUT_SIDE);
    expect(result.crop).toEqual({ x: 125, y: 62, width: 250, height: 126 }); // reduced coordinates
    expect(outputBox(result.pixels)).toEqual({ x: 0, y: 7, width: 28, height: 14 });
    expect(preprocessImage(big, { maxInputSide: 100 }).steps.grayscale.width).toBe(100);
  });

  it('makes every step displayable and the output model-ready', () => {
    const page = solid(120, 90, WHITE);
    fillRect(page, 20, 20, 50, 40, BLACK);
    const result = preprocessImage(page);
    const { grayscale, normalized, cropped, fitted, centred } = result.steps;
    for (const step of [grayscale, normalized, cropped!, fitted!, centred]) {
      expect(grayToRgba(step)).toHaveLength(step.width * step.height * 4);
    }
    const input = toModelInput(result.pixels, 'unit');
    expect(input).toBeInstanceOf(Float32Array);
    expect(input).toHaveLength(IMAGE_PIXELS);
    expect(Math.max(...input)).toBe(1);
    expect(Math.min(...input)).toBe(0);
    expect(() => toModelInput(new Uint8Array(10), 'unit')).toThrow(RangeError);
    expect(Object.keys(WARNING_MESSAGES).sort()).toEqual(['empty', 'lowContrast', 'tiny']);
  });
});
