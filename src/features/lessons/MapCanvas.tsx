import { useEffect, useRef } from 'react';

/**
 * One 2-D map (an activation or a filter's output) as a grey image: 0 black, the largest
 * value white (negative values, where there are any, black as well).
 */
export function MapCanvas({ width, height, values, label, size = 112, scale }: { width: number; height: number; values: readonly number[]; label: string; size?: number; scale?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const top = scale ?? Math.max(1e-6, ...values);
    const image = context.createImageData(width, height);
    values.forEach((v, i) => {
      const g = Math.round(Math.max(0, Math.min(1, v / top)) * 255);
      image.data.set([g, g, g, 255], i * 4);
    });
    context.putImageData(image, 0, 0);
  }, [width, height, values, scale]);
  return <canvas ref={canvas} width={width} height={height} style={{ width: size, height: (size * height) / width }} className="pixelated" role="img" aria-label={label} />;
}
