import { useLayoutEffect, useState } from 'react';
import { useAppSelector } from '../state/hooks';
import { PROJECTOR_FONT_SIZE } from '../vis/lineChart';

export interface ProjectorSvgFont {
  /** Put on the <svg>: its drawn width is measured (and followed when it resizes). */
  readonly ref: (element: SVGSVGElement | null) => void;
  /** A font size in the SVG's units: as given, or in instructor mode at least 18 px on the screen. */
  readonly font: (size: number) => number;
}

/**
 * Font sizes for a hand-drawn SVG that scales with its box (a viewBox `viewBoxWidth` units wide).
 * Outside instructor mode a size is used as given, in the SVG's units. In instructor mode text
 * must reach the projector's 18 px on the screen whatever the box's width, so a size becomes at
 * least 18 px divided by the drawing's scale.
 */
export function useProjectorSvgFont(viewBoxWidth: number): ProjectorSvgFont {
  const instructor = useAppSelector((s) => s.ui.instructor);
  const [element, setElement] = useState<SVGSVGElement | null>(null);
  const [pixelsPerUnit, setPixelsPerUnit] = useState<number | null>(null);
  useLayoutEffect(() => {
    if (!instructor || !element) return;
    const measure = () => {
      const width = element.getBoundingClientRect().width;
      if (width > 0) setPixelsPerUnit(width / viewBoxWidth);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, viewBoxWidth, instructor]);
  // Before the first measurement: assume the drawing is shown at its own size.
  const scale = pixelsPerUnit ?? 1;
  const font = (size: number) => (instructor ? Math.max(size, Math.ceil((PROJECTOR_FONT_SIZE / scale) * 10) / 10) : size);
  return { ref: setElement, font };
}
