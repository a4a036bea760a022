/** Drawing value arrays onto canvases with a colour scale (DOM side of the internals view). */
import { paint, type ColorScale, type ScaleRange } from './colormap';

/** Draws a height×width map onto `canvas` (whose width/height attributes must match), one canvas pixel per value. */
export function drawMap(canvas: HTMLCanvasElement | null, values: ArrayLike<number>, width: number, height: number, range: ScaleRange, scale: ColorScale): void {
  const context = canvas?.getContext('2d');
  if (!context) return;
  const image = context.createImageData(width, height);
  paint(values, range, scale, image.data);
  context.putImageData(image, 0, 0);
}

/** CSS pixels per value so a map of `side` values shows at roughly `target` CSS pixels (at least 1). */
export function zoomFor(side: number, target: number): number {
  return Math.max(1, Math.floor(target / Math.max(1, side)));
}
