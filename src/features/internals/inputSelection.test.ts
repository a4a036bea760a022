import { describe, expect, it } from 'vitest';
import { getInternalsView, setInternalsInput, setInternalsOpen } from './inputSelection';

describe('internals input selection', () => {
  it('keeps a copy of the image, counts revisions and opens the panel', () => {
    setInternalsOpen(false);
    const pixels = new Uint8Array(784).fill(7);
    setInternalsInput(pixels, 'Your drawing');
    pixels[0] = 99;
    const view = getInternalsView();
    expect(view.open).toBe(true);
    expect(view.external?.label).toBe('Your drawing');
    expect(view.external?.pixels[0]).toBe(7);
    setInternalsInput(pixels, 'Your drawing');
    expect(getInternalsView().external?.revision).toBe((view.external?.revision ?? 0) + 1);
  });

  it('swaps the image without opening a closed panel when not revealing (a followed drawing)', () => {
    setInternalsInput(new Uint8Array(784), 'Your drawing');
    setInternalsOpen(false);
    setInternalsInput(new Uint8Array(784).fill(3), 'Your drawing', { reveal: false });
    const view = getInternalsView();
    expect(view.open).toBe(false);
    expect(view.external?.reveal).toBe(false);
    expect(view.external?.pixels[0]).toBe(3);
  });

  it('rejects images that are not 28×28 with a clear message', () => {
    expect(() => setInternalsInput(new Uint8Array(100), 'x')).toThrow('the internals view takes a 28×28 image (784 bytes), got 100 bytes');
  });
});
