// @vitest-environment happy-dom
import { act, createElement, StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useThrottledRender } from './useThrottledRender';

// React's act() needs this flag to flush effects outside a test renderer.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Probe({ value, onRender }: { value: number; onRender: (value: number) => void }) {
  useThrottledRender(() => onRender(value), [value], 100);
  return null;
}

describe('useThrottledRender', () => {
  let container: HTMLElement;
  let root: Root;
  beforeEach(() => {
    vi.useFakeTimers();
    container = document.createElement('div');
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    vi.useRealTimers();
  });

  const mount = (value: number, onRender: (v: number) => void) =>
    act(() => root.render(createElement(StrictMode, null, createElement(Probe, { value, onRender }))));

  it('renders after mount and after later changes under StrictMode (mount, unmount, remount)', () => {
    const renders: number[] = [];
    mount(1, (v) => renders.push(v));
    act(() => vi.advanceTimersByTime(150));
    expect(renders).toEqual([1]);
    mount(2, (v) => renders.push(v));
    act(() => vi.advanceTimersByTime(150));
    mount(3, (v) => renders.push(v));
    act(() => vi.advanceTimersByTime(150));
    expect(renders).toEqual([1, 2, 3]);
  });

  it('coalesces a burst of changes into one trailing render with the latest value', () => {
    const renders: number[] = [];
    mount(1, (v) => renders.push(v));
    act(() => vi.advanceTimersByTime(150));
    for (let v = 2; v <= 6; v++) mount(v, (x) => renders.push(x));
    act(() => vi.advanceTimersByTime(150));
    expect(renders).toEqual([1, 6]);
  });

  it('never renders after unmount', () => {
    const renders: number[] = [];
    mount(1, (v) => renders.push(v));
    act(() => root.unmount());
    act(() => vi.advanceTimersByTime(500));
    expect(renders).toEqual([]);
    root = createRoot(container);
  });
});
