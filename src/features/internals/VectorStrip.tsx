import { useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { valueRange, zeroFraction } from '../../ml/internals/maps';
import { formatValue, scaleRange, type ColorScale } from './colormap';
import { ColorLegend } from './ColorLegend';
import { drawMap } from './mapDrawing';

export interface VectorStripProps {
  readonly layerName: string;
  readonly stage: string;
  readonly values: Float32Array;
  /** Cells per row (e.g. the channel count for a flattened block, so each row is one position). */
  readonly columns: number;
  readonly scale: ColorScale;
  /** Describes what one row is, for the caption (e.g. 'one 5×5 position with its 64 channels'). */
  readonly rowMeaning?: string;
  readonly cellSize?: number;
}

/** A vector (flatten / dense output) as a grid of coloured cells; hover reads one unit's value. */
export function VectorStrip({ layerName, stage, values, columns, scale, rowMeaning, cellSize = 8 }: VectorStripProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  const rows = Math.ceil(values.length / columns);
  const padded = useMemo(() => {
    const out = new Float32Array(rows * columns);
    out.set(values);
    return out;
  }, [values, rows, columns]);
  const stats = useMemo(() => ({ ...valueRange(values), zeros: zeroFraction(values) }), [values]);
  const range = useMemo(() => scaleRange(scale, stats), [scale, stats]);
  useLayoutEffect(() => drawMap(canvas.current, padded, columns, rows, range, scale), [padded, columns, rows, range, scale]);

  const onMove = (event: MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const col = Math.floor(((event.clientX - box.left) / box.width) * columns);
    const row = Math.floor(((event.clientY - box.top) / box.height) * rows);
    const index = row * columns + col;
    setHovered(index >= 0 && index < values.length ? index : null);
  };
  const summary = `${layerName}, ${stage}: ${values.length} values, min ${formatValue(stats.min)}, max ${formatValue(stats.max)}, ${Math.round(stats.zeros * 100)}% zeros`;
  return (
    <div className="vector-strip">
      <div className="map-grid__head">
        <span className="map-grid__stage">{stage}</span>
        <ColorLegend scale={scale} range={range} label={`${layerName} ${stage}`} />
      </div>
      <canvas
        ref={canvas}
        width={columns}
        height={rows}
        style={{ width: `calc(var(--map-zoom, 1) * ${columns * cellSize}px)`, height: `calc(var(--map-zoom, 1) * ${rows * cellSize}px)` }}
        className="pixelated map"
        role="img"
        aria-label={summary}
        tabIndex={0}
        data-testid="feature-map"
        data-layer={layerName}
        onMouseMove={onMove}
        onMouseLeave={() => setHovered(null)}
      />
      <p className="map-grid__info" aria-hidden="true">
        {hovered === null
          ? `${summary}.${rowMeaning ? ` Each row is ${rowMeaning}.` : ''} Hover to read one value.`
          : `${layerName} · unit ${hovered + 1} of ${values.length}${rowMeaning ? ` (row ${Math.floor(hovered / columns) + 1}, column ${(hovered % columns) + 1})` : ''} · ${stage}: ${formatValue(values[hovered])}`}
      </p>
    </div>
  );
}
