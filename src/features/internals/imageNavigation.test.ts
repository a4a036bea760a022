import { describe, expect, it } from 'vitest';
import { stepIndex } from './imageNavigation';

describe('stepIndex', () => {
  const labels = Uint8Array.from([0, 1, 2, 1, 0, 1]);

  it('moves to the next or previous image, wrapping around', () => {
    expect(stepIndex(labels, 6, 0, 1, null)).toBe(1);
    expect(stepIndex(labels, 6, 5, 1, null)).toBe(0);
    expect(stepIndex(labels, 6, 0, -1, null)).toBe(5);
  });

  it('skips images of other classes, and stays put when no other image has the class', () => {
    expect(stepIndex(labels, 6, 1, 1, 1)).toBe(3);
    expect(stepIndex(labels, 6, 1, -1, 1)).toBe(5);
    expect(stepIndex(labels, 6, 2, 1, 2)).toBe(2);
    expect(stepIndex(labels, 4, 3, 1, 0)).toBe(0);
  });
});
