import { useLayoutEffect, useState } from 'react';
import { useAppSelector } from '../state/hooks';
import { PROJECTOR_FONT_SIZE } from '../vis/lineChart';

export interface ReadableSvgFont {
  /** Put on the <svg>: its drawn width is measured (and followed when it resizes). */
  readonly ref: (element: SVGSVGElement | null) => void;
  /** A font size in the SVG's units: at least 11 px on the screen (18 px in instructor mode). */
  readonly font: (size: number) => number;
}

/** Smallest text on the screen outside instructor mode (a diagram shrunk onto a phone). */
const MIN_READABLE_PX = 11;

/**
 * Font sizes for a hand-drawn SVG that scales with its box (a viewBox `viewBoxWidth` units wide).
 * A size is in the SVG's units, so the text shrinks with the drawing: on a phone a diagram drawn
 * for 1,000 units shows its 12-unit labels at 7 px. Here a size becomes at least 11 px on the
 * screen (the projector's 18 px in instructor mode) divided by the drawing's measured scale.
 */
export function useReadableSvgFont(viewBoxWidth: number): ReadableSvgFont {
  const instructor = useAppSelector((s) => s.ui.instructor);
  const [element, setElement] = useState<SVGSVGElement | null>(null);
  const [pixelsPerUnit, setPixelsPerUnit] = useState<number | null>(null);
  useLayoutEffect(() => {
    if (!element) return;
    const measure = () => {
      const width = element.getBoundingClientRect().width;
      if (width > 0) setPixelsPerUnit(width / viewBoxWidth);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, viewBoxWidth]);
  // Before the first measurement: assume the drawing is shown at its own size.
  const scale = pixelsPerUnit ?? 1;
  const minPx = instructor ? PROJECTOR_FONT_SIZE : MIN_READABLE_PX;
  const font = (size: number) => Math.max(size, Math.ceil((minPx / scale) * 10) / 10);
  return { ref: setElement, font };
}
