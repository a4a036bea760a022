import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { channelMap, valueRange, zeroFraction, type ValueRange } from '../../ml/internals/maps';
import { formatValue, scaleRange, type ColorScale } from './colormap';
import { ColorLegend } from './ColorLegend';
import { drawMap, zoomFor } from './mapDrawing';

export interface MapGridProps {
  readonly layerName: string;
  /** What these maps are, e.g. 'after ReLU', 'before ReLU (conv + bias)', 'output'. */
  readonly stage: string;
  /** Channel-last [height, width, channels] values. */
  readonly values: Float32Array;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly scale: ColorScale;
  /** Colour each map by its own range instead of the layer's. */
  readonly perMapRange: boolean;
  /** Highlighted channel (e.g. the one compared under pooling) and how to pick one. */
  readonly selected?: number;
  readonly onSelect?: (channel: number) => void;
}

interface ChannelStats extends ValueRange {
  readonly zeros: number;
}

const TARGET_SIZE = 52;

/**
 * All channels of one layer as small canvases (one per channel). Hover or focus a map to
 * read its layer, channel and value range; arrow keys move between maps (one tab stop).
 */
export function MapGrid({ layerName, stage, values, height, width, channels, scale, perMapRange, selected, onSelect }: MapGridProps) {
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const [active, setActive] = useState<number | null>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const maps = useMemo(() => Array.from({ length: channels }, (_, c) => channelMap(values, height, width, channels, c).values), [values, height, width, channels]);
  const stats = useMemo<ChannelStats[]>(() => maps.map((m) => ({ ...valueRange(m), zeros: zeroFraction(m) })), [maps]);
  const layerRange = useMemo(() => scaleRange(scale, valueRange(values)), [values, scale]);

  useLayoutEffect(() => {
    maps.forEach((map, c) => drawMap(canvases.current[c], map, width, height, perMapRange ? scaleRange(scale, stats[c]) : layerRange, scale));
  }, [maps, stats, width, height, scale, perMapRange, layerRange]);

  const zoom = zoomFor(Math.max(height, width), TARGET_SIZE);
  const describe = (c: number) =>
    `${layerName}, channel ${c + 1} of ${channels}, ${stage}: min ${formatValue(stats[c].min)}, max ${formatValue(stats[c].max)}, ${Math.round(stats[c].zeros * 100)}% zeros`;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const perRow = Math.max(1, Math.round((event.currentTarget.clientWidth || 1) / (width * zoom + 6)));
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: perRow, ArrowUp: -perRow };
    let next: number | null = null;
    if (event.key in moves) next = Math.min(channels - 1, Math.max(0, focusIndex + moves[event.key]));
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = channels - 1;
    else if ((event.key === 'Enter' || event.key === ' ') && onSelect) {
      event.preventDefault();
      onSelect(focusIndex);
      return;
    }
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    canvases.current[next]?.focus();
  };

  const shown = active ?? selected ?? null;
  return (
    <div className="map-grid">
      <div className="map-grid__head">
        <span className="map-grid__stage">{stage}</span>
        <ColorLegend scale={scale} range={perMapRange && shown !== null ? scaleRange(scale, stats[shown]) : layerRange} label={`${layerName} ${stage}`} />
      </div>
      <div className="map-grid__maps" role="group" aria-label={`${layerName} ${stage}: ${channels} feature maps of ${height}×${width}`} onKeyDown={onKeyDown}>
        {maps.map((_, c) => (
          <canvas
            key={c}
            ref={(el) => {
              canvases.current[c] = el;
            }}
            width={width}
            height={height}
            style={{ width: `calc(var(--map-zoom, 1) * ${width * zoom}px)`, height: `calc(var(--map-zoom, 1) * ${height * zoom}px)` }}
            className={`pixelated map${c === selected ? ' map--selected' : ''}`}
            role="img"
            aria-label={describe(c)}
            tabIndex={c === focusIndex ? 0 : -1}
            data-testid="feature-map"
            data-layer={layerName}
            onMouseEnter={() => setActive(c)}
            onMouseLeave={() => setActive(null)}
            onFocus={() => {
              setActive(c);
              setFocusIndex(c);
            }}
            onBlur={() => setActive(null)}
            onClick={() => onSelect?.(c)}
          />
        ))}
      </div>
      <p className="map-grid__info" aria-hidden="true">
        {active !== null
          ? describe(active)
          : selected !== undefined
            ? `Channel ${selected + 1} is compared under pooling below: hover or focus a map to read its values, click it (or press Enter) to compare it instead.`
            : 'Hover or focus a map to read its channel and values.'}
      </p>
    </div>
  );
}
