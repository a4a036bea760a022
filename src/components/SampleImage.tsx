import { useEffect, useRef } from 'react';
import { IMAGE_SIZE } from '../ml/constants';

/** Draws one 28×28 grayscale image (784 bytes, 0 = black) on a pixelated canvas. */
export function SampleImage({ pixels, label, size = 84 }: { pixels: Uint8Array; label: string; size?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(IMAGE_SIZE, IMAGE_SIZE);
    for (let i = 0; i < pixels.length; i++) {
      image.data.set([pixels[i], pixels[i], pixels[i], 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }, [pixels]);
  return (
    <canvas
      ref={canvas}
      width={IMAGE_SIZE}
      height={IMAGE_SIZE}
      style={{ width: size, height: size }}
      className="pixelated"
      role="img"
      aria-label={label}
      data-testid="sample-image"
    />
  );
}
