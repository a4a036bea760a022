import { useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { filterSlice, type ConvFilters } from '../../ml/internals/convFilters';
import { valueRange } from '../../ml/internals/maps';
import { colorAt, formatValue, normalise, scaleRange } from './colormap';
import { ColorLegend } from './ColorLegend';
import { drawMap } from './mapDrawing';

function weightRange(filters: ConvFilters) {
  return scaleRange('diverging', valueRange(filters.weights));
}

function FilterKernel({ filters, index, range }: { filters: ConvFilters; index: number; range: { min: number; max: number } }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const slice = useMemo(() => filterSlice(filters, index, 0), [filters, index]);
  useLayoutEffect(() => drawMap(canvas.current, slice, filters.kernelWidth, filters.kernelHeight, range, 'diverging'), [slice, filters, range]);
  const rows = Array.from({ length: filters.kernelHeight }, (_, y) => Array.from(slice.slice(y * filters.kernelWidth, (y + 1) * filters.kernelWidth), formatValue).join(' '));
  return (
    <li>
      <canvas
        ref={canvas}
        width={filters.kernelWidth}
        height={filters.kernelHeight}
        className="pixelated kernel"
        role="img"
        aria-label={`${filters.layerName} filter ${index + 1}: weights ${rows.join(' / ')}${filters.bias ? `, bias ${formatValue(filters.bias[index])}` : ''}`}
        title={`Filter ${index + 1}\n${rows.join('\n')}`}
        data-testid="filter-kernel"
      />
      <span className="kernel__label">{index + 1}</span>
    </li>
  );
}

/** The first convolution's filters as small images (input has one channel), live. */
export function FirstLayerFilters({ filters }: { filters: ConvFilters }) {
  const range = useMemo(() => weightRange(filters), [filters]);
  return (
    <div className="filters">
      <div className="map-grid__head">
        <span className="map-grid__stage">
          {filters.outChannels} filters, {filters.kernelHeight}×{filters.kernelWidth} weights each
        </span>
        <ColorLegend scale="diverging" range={range} label={`${filters.layerName} weights`} />
      </div>
      <ol className="kernel-list" aria-label={`${filters.layerName} filters`}>
        {Array.from({ length: filters.outChannels }, (_, i) => (
          <FilterKernel key={i} filters={filters} index={i} range={range} />
        ))}
      </ol>
    </div>
  );
}

const NEUTRAL = [208, 215, 222] as const;

/** A deeper convolution's filters as one grid: a row per filter, a column per input channel. */
export function FilterGrid({ filters }: { filters: ConvFilters }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hovered, setHovered] = useState<{ out: number; in: number } | null>(null);
  const range = useMemo(() => weightRange(filters), [filters]);
  const { kernelHeight: kh, kernelWidth: kw, inChannels, outChannels } = filters;
  const width = inChannels * (kw + 1) - 1;
  const height = outChannels * (kh + 1) - 1;
  useLayoutEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(width, height);
    const set = (x: number, y: number, rgb: readonly number[]) => image.data.set([rgb[0], rgb[1], rgb[2], 255], (y * width + x) * 4);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) set(x, y, NEUTRAL);
    for (let out = 0; out < outChannels; out++) {
      for (let inCh = 0; inCh < inChannels; inCh++) {
        const slice = filterSlice(filters, out, inCh);
        for (let ky = 0; ky < kh; ky++) {
          for (let kx = 0; kx < kw; kx++) set(inCh * (kw + 1) + kx, out * (kh + 1) + ky, colorAt('diverging', normalise(slice[ky * kw + kx], range, 'diverging')));
        }
      }
    }
    context.putImageData(image, 0, 0);
  }, [filters, range, width, height, kh, kw, inChannels, outChannels]);

  const onMove = (event: MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = Math.floor(((event.clientX - box.left) / box.width) * width);
    const y = Math.floor(((event.clientY - box.top) / box.height) * height);
    const cell = { out: Math.floor(y / (kh + 1)), in: Math.floor(x / (kw + 1)) };
    setHovered(cell.out < outChannels && cell.in < inChannels ? cell : null);
  };
  const zoom = 3;
  return (
    <div className="filters">
      <div className="map-grid__head">
        <span className="map-grid__stage">
          {outChannels} filters × {inChannels} input channels, {kh}×{kw} each
        </span>
        <ColorLegend scale="diverging" range={range} label={`${filters.layerName} weights`} />
      </div>
      <div className="filter-grid">
        <canvas
          ref={canvas}
          width={width}
          height={height}
          style={{ width: `calc(var(--map-zoom, 1) * ${width * zoom}px)` }}
          className="pixelated filter-grid__canvas"
          role="img"
          aria-label={`${filters.layerName}: ${outChannels} filters (rows) by ${inChannels} input channels (columns), weights from ${formatValue(range.min)} to ${formatValue(range.max)}`}
          data-testid="filter-grid"
          onMouseMove={onMove}
          onMouseLeave={() => setHovered(null)}
        />
      </div>
      <p className="map-grid__info" aria-hidden="true">
        {hovered
          ? `${filters.layerName} · filter ${hovered.out + 1} · input channel ${hovered.in + 1}: ${Array.from(filterSlice(filters, hovered.out, hovered.in), formatValue).join(', ')}`
          : `Hover a cell to read the ${kh}×${kw} weights that filter applies to that input channel.`}
      </p>
    </div>
  );
}
