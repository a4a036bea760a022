/**
 * Steps 4 and 5: fit the cropped item into the 28x28 frame keeping its
 * aspect ratio, then position it.
 *
 * Size, measured on the 10 000 Fashion-MNIST test images (bounding box of
 * pixels > 0): the longest side is 28 px in 98.3 % of images, 27 px in 1.65 %
 * and 26 px in 0.02 %; 99.98 % touch at least one frame edge on the long
 * axis. The dataset has no margin, so the default target side is 28
 * (a margin of 1 px per side would make every item ~7 % smaller than what the
 * model was trained on).
 *
 * Position, measured the same way: on the short axis the free space is split
 * evenly (|before - after| <= 1 px in 99.8 % of images, the odd pixel going
 * before, i.e. top/left, in 5075 of 5100 cases), which is ImageMagick's
 * `-gravity center -extent 28x28` on the bounding box. The centre of mass is
 * NOT centred: it sits 0.81 px off-centre on the short axis and 1.45 px on the
 * long axis on average. Hence the default `'box'` centring; `'mass'` (MNIST
 * digit style) is available and moves the centre of mass to the frame centre,
 * clamped so the item stays fully inside the frame. Because the long side
 * fills the frame, only the short axis can ever move in either mode.
 */
import { IMAGE_SIZE } from '../constants';
import { createGray } from './raster';
import { resizeGray } from './resample';
import type { CentringMode, GrayRaster, Rect } from './types';

/**
 * Output size that keeps the aspect ratio with the longest side equal to
 * `targetSide` (the short side is rounded, at least 1 px).
 */
export function fittedSize(width: number, height: number, targetSide: number): { width: number; height: number } {
  if (width >= height) {
    return { width: targetSide, height: Math.max(1, Math.round((height * targetSide) / width)) };
  }
  return { width: Math.max(1, Math.round((width * targetSide) / height)), height: targetSide };
}

/** Step 4: resize `item` so its longest side is `targetSide` (1..28) px. */
export function fitItem(item: GrayRaster, targetSide: number): GrayRaster {
  const size = fittedSize(item.width, item.height, targetSide);
  return resizeGray(item, size.width, size.height);
}

/** Centre of mass (pixel-centre coordinates) of a raster; null if its mass is 0. */
export function centreOfMass(src: GrayRaster): { x: number; y: number } | null {
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < src.height; y++) {
    for (let x = 0; x < src.width; x++) {
      const v = src.data[y * src.width + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return mass > 0 ? { x: mx / mass, y: my / mass } : null;
}

/**
 * Top-left offset for an item of `size` px on one axis of a `frame` px frame.
 * 'box': free space split evenly, odd pixel before (as the dataset does).
 * 'mass': `com` (item-local centre of mass) lands on the frame centre, clamped
 * to [0, frame - size] so nothing is cut off.
 */
function axisOffset(size: number, frame: number, mode: CentringMode, com: number | undefined): number {
  const free = frame - size;
  if (mode === 'box' || com === undefined) return Math.ceil(free / 2);
  return Math.min(free, Math.max(0, Math.round(frame / 2 - com)));
}

export interface Placement {
  readonly frame: GrayRaster;
  readonly rect: Rect;
}

/** Step 5: paste `item` (at most 28x28) into a black 28x28 frame. */
export function placeInFrame(item: GrayRaster, mode: CentringMode): Placement {
  const com = mode === 'mass' ? centreOfMass(item) : null;
  const x = axisOffset(item.width, IMAGE_SIZE, mode, com?.x);
  const y = axisOffset(item.height, IMAGE_SIZE, mode, com?.y);
  const frame = createGray(IMAGE_SIZE, IMAGE_SIZE);
  for (let row = 0; row < item.height; row++) {
    const from = row * item.width;
    frame.data.set(item.data.subarray(from, from + item.width), (y + row) * IMAGE_SIZE + x);
  }
  return { frame, rect: { x, y, width: item.width, height: item.height } };
}
