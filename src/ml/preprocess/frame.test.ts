import { describe, expect, it } from 'vitest';
import { centreOfMass, fittedSize, placeInFrame } from './frame';
import { createGray } from './raster';

describe('fit and centre (steps 4-5)', () => {
  it('keeps the aspect ratio with the longest side at the target', () => {
    expect(fittedSize(100, 20, 28)).toEqual({ width: 28, height: 6 });
    expect(fittedSize(20, 100, 28)).toEqual({ width: 6, height: 28 });
    expect(fittedSize(1000, 1, 28)).toEqual({ width: 28, height: 1 });
    expect(fittedSize(3, 3, 26)).toEqual({ width: 26, height: 26 });
  });

  it("'box' splits the free space evenly, odd pixel first (as the dataset does)", () => {
    const item = createGray(28, 15);
    item.data.fill(100);
    expect(placeInFrame(item, 'box').rect).toEqual({ x: 0, y: 7, width: 28, height: 15 });
    const small = createGray(10, 28);
    expect(placeInFrame(small, 'box').rect).toMatchObject({ x: 9, y: 0 });
  });

  it("'mass' puts the centre of mass in the middle, clamped to stay inside", () => {
    // 28x10 item whose mass sits in its bottom row.
    const item = createGray(28, 10);
    for (let x = 0; x < 28; x++) item.data[9 * 28 + x] = 255;
    expect(centreOfMass(item)).toEqual({ x: 14, y: 9.5 });
    const placed = placeInFrame(item, 'mass');
    expect(placed.rect).toMatchObject({ x: 0, y: 5 }); // 14 - 9.5 = 4.5 -> 5
    expect(placed.frame.data[14 * 28 + 3]).toBe(255); // the heavy row lands on row 14

    // All the mass at the very top of a 28x20 item: would need y = 14 but clamps to 8.
    const top = createGray(28, 20);
    top.data[5] = 255;
    expect(placeInFrame(top, 'mass').rect).toMatchObject({ y: 8 });
  });
});
