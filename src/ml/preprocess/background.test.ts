import { describe, expect, it } from 'vitest';
import { addNoise, fillRect, solid, type Rgba } from './fixtures/rasters';
import { normalizeBackground } from './background';
import { toGrayscale } from './grayscale';
import type { RgbaRaster } from './types';

const gray = (v: number): Rgba => [v, v, v, 255];
const decide = (raster: RgbaRaster, force?: boolean) => normalizeBackground(toGrayscale(raster, 512).raster, force);

/** A 100x80 page of `paper` with a 30x40 block of `ink` off-centre. */
function page(paper: number, ink: number): RgbaRaster {
  const r = solid(100, 80, gray(paper));
  fillRect(r, 20, 15, 30, 40, gray(ink));
  return r;
}

describe('background decision (step 2)', () => {
  it('inverts dark ink on white paper', () => {
    const { decision, normalized } = decide(page(255, 0));
    expect(decision.inverted).toBe(true);
    expect(decision.background).toBe(255);
    expect(decision.reason).toMatch(/darker.*negated/);
    expect(normalized.data[30 * 100 + 30]).toBe(255); // ink -> brightest
    expect(normalized.data[0]).toBe(0); // paper -> 0
  });

  it('keeps light strokes on a black canvas', () => {
    const { decision, normalized } = decide(page(0, 255));
    expect(decision.inverted).toBe(false);
    expect(decision.reason).toMatch(/lighter/);
    expect(normalized.data[30 * 100 + 30]).toBe(255);
  });

  it('decides by the item, not by absolute levels: dark strokes on mid-gray paper', () => {
    expect(decide(page(100, 20)).decision.inverted).toBe(true);
    expect(decide(page(160, 230)).decision.inverted).toBe(false);
  });

  it('stretches partial contrast to 0..255 and flags low contrast', () => {
    const strong = decide(page(200, 60));
    expect(strong.normalized.data[30 * 100 + 30]).toBeCloseTo(255, 3);
    expect(strong.lowContrast).toBe(false);
    const faint = decide(page(200, 170));
    expect(faint.decision.contrast).toBe(30);
    expect(faint.lowContrast).toBe(true);
    expect(faint.normalized.data[30 * 100 + 30]).toBeCloseTo(255, 3);
  });

  it('honours a forced decision', () => {
    const { decision } = decide(page(255, 0), false);
    expect(decision.inverted).toBe(false);
    expect(decision.reason).toMatch(/forced/);
  });

  it('treats a blank page as background of its own shade', () => {
    expect(decide(solid(50, 50, gray(255))).decision).toMatchObject({ inverted: true, contrast: 0 });
    expect(decide(solid(50, 50, gray(0))).decision).toMatchObject({ inverted: false, contrast: 0 });
  });

  it('has no noise floor on clean input and removes noise on noisy input', () => {
    expect(decide(page(255, 0)).decision.noiseFloor).toBe(0);
    const noisy = page(230, 30);
    addNoise(noisy, 6);
    const { decision, normalized } = decide(noisy);
    expect(decision.noiseFloor).toBeGreaterThanOrEqual(12); // ~2 sigma at least
    // Almost the whole paper area is exactly 0 afterwards.
    let nonZeroPaper = 0;
    for (let y = 0; y < 80; y++) for (let x = 60; x < 100; x++) if (normalized.data[y * 100 + x] > 0) nonZeroPaper++;
    expect(nonZeroPaper / (40 * 80)).toBeLessThan(0.01);
  });

  it('estimates noise on white paper clipped at 255 (median deviation 0)', () => {
    const clipped = page(255, 0);
    addNoise(clipped, 6); // half the paper clips to exactly 255
    expect(decide(clipped).decision.noiseFloor).toBeGreaterThanOrEqual(12);
  });

  it('survives an item drawn across the border (caps the noise floor)', () => {
    const r = solid(100, 80, gray(255));
    fillRect(r, 0, 10, 100, 60, gray(0)); // touches left and right edges over 60 of 80 rows
    const { decision, normalized } = decide(r);
    expect(decision.inverted).toBe(true);
    expect(decision.noiseFloor).toBe(48); // 34 % of the border band is item: capped
    expect(normalized.data[40 * 100 + 50]).toBe(255);
  });
});
