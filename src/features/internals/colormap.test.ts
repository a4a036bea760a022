import { describe, expect, it } from 'vitest';
import { colorAt, cssGradient, formatValue, normalise, paint, scaleRange } from './colormap';

describe('colour maps', () => {
  it('puts white exactly at zero on the diverging scale, blue below, red above', () => {
    const range = scaleRange('diverging', { min: -0.2, max: 0.8 });
    expect(range).toEqual({ min: -0.8, max: 0.8 });
    expect(colorAt('diverging', normalise(0, range, 'diverging'))).toEqual([247, 247, 247]);
    const [r1, , b1] = colorAt('diverging', normalise(-0.8, range, 'diverging'));
    const [r2, , b2] = colorAt('diverging', normalise(0.8, range, 'diverging'));
    expect(b1).toBeGreaterThan(r1);
    expect(r2).toBeGreaterThan(b2);
  });

  it('makes the sequential scale brighter as values grow (readable in grayscale)', () => {
    const luminance = ([r, g, b]: readonly number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const samples = [0, 0.25, 0.5, 0.75, 1].map((t) => luminance(colorAt('sequential', t)));
    samples.slice(1).forEach((l, i) => expect(l).toBeGreaterThan(samples[i]));
  });

  it('paints RGBA bytes, clamping out-of-range values and handling a flat map', () => {
    const rgba = new Uint8ClampedArray(12);
    paint([0, 5, 10], { min: 0, max: 5 }, 'gray', rgba);
    expect(Array.from(rgba)).toEqual([0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255]);
    paint([3, 3, 3], { min: 3, max: 3 }, 'gray', rgba);
    expect(rgba[0]).toBe(0);
    expect(normalise(1, { min: 0, max: 0 }, 'diverging')).toBe(0.5);
  });

  it('formats values briefly and builds a CSS gradient', () => {
    expect(formatValue(0)).toBe('0');
    expect(formatValue(1.23456)).toBe('1.23');
    expect(formatValue(-0.5)).toBe('-0.5');
    expect(formatValue(0.00012)).toBe('1.2e-4');
    expect(cssGradient('gray', 2)).toBe('linear-gradient(to right, rgb(0 0 0) 0%, rgb(255 255 255) 100%)');
  });
});
