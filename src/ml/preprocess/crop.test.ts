import { describe, expect, it } from 'vitest';
import { findBoundingBox, growBoundingBox } from './crop';
import { createGray } from './raster';

describe('bounding box (step 3)', () => {
  it('finds the item and ignores isolated faint specks', () => {
    const img = createGray(50, 40);
    for (let y = 10; y < 20; y++) for (let x = 5; x < 25; x++) img.data[y * 50 + x] = 200;
    img.data[2 * 50 + 45] = 60; // isolated speck: its 3x3 mean is 6.7
    expect(findBoundingBox(img, 8)).toEqual({ rect: { x: 5, y: 10, width: 20, height: 10 }, count: 200 });
  });

  it('returns null when nothing exceeds the threshold', () => {
    expect(findBoundingBox(createGray(10, 10), 0)).toBeNull();
  });

  it('grows back over faint rims by at most maxGrow pixels', () => {
    const img = createGray(30, 30);
    for (let y = 10; y < 20; y++) for (let x = 10; x < 20; x++) img.data[y * 30 + x] = 200;
    for (let x = 10; x < 20; x++) {
      img.data[9 * 30 + x] = 3; // faint rim above, 3 rows deep
      img.data[8 * 30 + x] = 3;
      img.data[7 * 30 + x] = 3;
    }
    const rect = findBoundingBox(img, 8)!.rect;
    expect(rect).toEqual({ x: 10, y: 10, width: 10, height: 10 });
    expect(growBoundingBox(img, rect, 0, 2)).toEqual({ x: 10, y: 8, width: 10, height: 12 });
    expect(growBoundingBox(img, rect, 0, 5)).toEqual({ x: 10, y: 7, width: 10, height: 13 });
  });
});
