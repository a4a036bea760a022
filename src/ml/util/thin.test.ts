import { describe, expect, it } from 'vitest';
import { thin } from './thin';

describe('thin', () => {
  it('keeps at most max items, evenly strided, first and last included', () => {
    const out = thin(Array.from({ length: 1000 }, (_, i) => i), 10);
    expect(out).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 999]);
    expect(thin([1, 2], 10)).toEqual([1, 2]);
    expect(thin(Array.from({ length: 101 }, (_, i) => i), 100)).toHaveLength(100);
  });
});
