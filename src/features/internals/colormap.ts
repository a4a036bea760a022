/**
 * Colour maps for activations, weights and heat maps, as RGB bytes.
 * - sequential (viridis, perceptually uniform, readable in grayscale and by most colour-blind
 *   viewers) for values that are never negative: activations after ReLU, pooling, heat maps;
 * - diverging (blue - white - red) for signed values: weights and pre-activations, with
 *   white at exactly 0.
 * Every view that uses them also shows the numbers (legend, hover), so colour is never the only signal.
 */

export type Rgb = readonly [number, number, number];
export type ColorScale = 'sequential' | 'diverging' | 'gray';

// Viridis, sampled at 9 evenly spaced stops (matplotlib's values).
const VIRIDIS: readonly Rgb[] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

// Blue (negative) -> white (0) -> red (positive), from ColorBrewer's RdBu.
const DIVERGING: readonly Rgb[] = [
  [33, 102, 172],
  [103, 169, 207],
  [209, 229, 240],
  [247, 247, 247],
  [253, 219, 199],
  [239, 138, 98],
  [178, 24, 43],
];

function interpolate(stops: readonly Rgb[], t: number): Rgb {
  const clamped = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const x = clamped * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [stops[i], stops[i + 1]];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** Colour of t in [0, 1] (clamped) on the scale; for 'diverging', t = 0.5 is zero. */
export function colorAt(scale: ColorScale, t: number): Rgb {
  if (scale === 'gray') {
    const v = Math.round(Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * 255);
    return [v, v, v];
  }
  return interpolate(scale === 'sequential' ? VIRIDIS : DIVERGING, t);
}

export interface ScaleRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The range a scale maps from: sequential/gray use [min, max] as given; diverging is made
 * symmetric around 0 ([-m, m], m = largest magnitude) so white always means zero.
 */
export function scaleRange(scale: ColorScale, range: ScaleRange): ScaleRange {
  if (scale !== 'diverging') return range;
  const m = Math.max(Math.abs(range.min), Math.abs(range.max));
  return { min: -m, max: m };
}

/** Position of `value` in `range` as 0..1 (0.5 for an empty range on the diverging scale, else 0). */
export function normalise(value: number, range: ScaleRange, scale: ColorScale): number {
  const span = range.max - range.min;
  if (!(span > 0)) return scale === 'diverging' ? 0.5 : 0;
  return (value - range.min) / span;
}

/**
 * Fills `rgba` (4 bytes per value, e.g. ImageData.data) with the colours of `values`
 * on `scale` over `range` (already made symmetric for 'diverging').
 */
export function paint(values: ArrayLike<number>, range: ScaleRange, scale: ColorScale, rgba: Uint8ClampedArray): void {
  for (let i = 0; i < values.length; i++) {
    const [r, g, b] = colorAt(scale, normalise(values[i], range, scale));
    rgba[i * 4] = r;
    rgba[i * 4 + 1] = g;
    rgba[i * 4 + 2] = b;
    rgba[i * 4 + 3] = 255;
  }
}

/** A CSS linear-gradient of the scale (for legends). */
export function cssGradient(scale: ColorScale, steps = 9): string {
  const stops = Array.from({ length: steps }, (_, i) => {
    const [r, g, b] = colorAt(scale, i / (steps - 1));
    return `rgb(${r} ${g} ${b}) ${Math.round((i / (steps - 1)) * 100)}%`;
  });
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

/** Short number format for legends and tooltips: 3 significant digits, no exponent for ordinary sizes. */
export function formatValue(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1000 || a < 0.001) return v.toExponential(1);
  return String(Number(v.toPrecision(3)));
}
