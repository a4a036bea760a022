import { useEffect, useRef } from 'react';
import { grayToRgba, type GrayRaster, type RgbaRaster } from '../../ml/preprocess';

function isGray(raster: GrayRaster | RgbaRaster): raster is GrayRaster {
  return raster.data instanceof Float32Array;
}

/**
 * Shows a raster (a preprocessing step, or the RGBA input) at its own resolution, scaled
 * by CSS to fit a `box`×`box` square; small rasters stay crisp (pixelated).
 */
export function RasterView({ raster, label, box = 96, testId }: { raster: GrayRaster | RgbaRaster; label: string; box?: number; testId?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width, height } = raster;
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context || width === 0 || height === 0) return;
    const rgba = isGray(raster) ? grayToRgba(raster) : new Uint8ClampedArray(raster.data.buffer, raster.data.byteOffset, width * height * 4);
    context.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
  }, [raster, width, height]);
  const scale = Math.min(box / Math.max(width, 1), box / Math.max(height, 1));
  return (
    <canvas
      ref={canvas}
      width={width}
      height={height}
      role="img"
      aria-label={label}
      data-testid={testId}
      className={`raster-view${scale > 1 ? ' pixelated' : ''}${isGray(raster) ? '' : ' raster-view--rgba'}`}
      style={{ width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }}
    />
  );
}
