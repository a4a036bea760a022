import { useLayoutEffect, useMemo, useRef } from 'react';
import { channelMap, pool2d, strongestWindow, valueRange, type Map2D } from '../../ml/internals/maps';
import { formatValue, type ScaleRange } from './colormap';
import { ColorLegend } from './ColorLegend';
import { drawMap, zoomFor } from './mapDrawing';

export interface PoolingComparisonProps {
  readonly layerName: string;
  /** The pooling layer's input: channel-last [height, width, channels]. */
  readonly input: Float32Array;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly channel: number;
  readonly onChannelChange: (channel: number) => void;
  readonly poolSize: number;
  readonly stride: number;
  /** Which of the two the network itself uses. */
  readonly used: 'max' | 'avg';
}

function Panel({ title, map, range, label }: { title: string; map: Map2D; range: ScaleRange; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => drawMap(canvas.current, map.values, map.width, map.height, range, 'sequential'), [map, range]);
  const zoom = zoomFor(Math.max(map.height, map.width), 104);
  return (
    <figure className="pool-compare__panel">
      <canvas
        ref={canvas}
        width={map.width}
        height={map.height}
        style={{ width: `calc(var(--map-zoom, 1) * ${map.width * zoom}px)` }}
        className="pixelated map"
        role="img"
        aria-label={label}
        data-testid="pooling-map"
      />
      <figcaption>{title}</figcaption>
    </figure>
  );
}

/** Max and average pooling of the same feature map side by side, with one window's numbers. */
export function PoolingComparison({ layerName, input, height, width, channels, channel, onChannelChange, poolSize, stride, used }: PoolingComparisonProps) {
  const source = useMemo(() => channelMap(input, height, width, channels, channel), [input, height, width, channels, channel]);
  const maxPooled = useMemo(() => pool2d(source, poolSize, stride, 'max'), [source, poolSize, stride]);
  const avgPooled = useMemo(() => pool2d(source, poolSize, stride, 'avg'), [source, poolSize, stride]);
  // One colour scale for all three, so brightness compares across them.
  const range = useMemo(() => valueRange(source.values), [source]);
  const peak = strongestWindow(source, poolSize, stride);
  const cells = Array.from({ length: poolSize }, (_, dy) => Array.from({ length: poolSize }, (_, dx) => source.values[(peak.row + dy) * width + peak.col + dx]));
  const outIndex = (peak.row / stride) * maxPooled.width + peak.col / stride;
  const name = (mode: 'max' | 'avg') => (mode === 'max' ? 'Max pooling' : 'Average pooling') + (mode === used ? ' (used by this network)' : '');
  return (
    <section className="pool-compare" aria-labelledby={`${layerName}-compare`}>
      <h4 id={`${layerName}-compare`}>Max vs average pooling on the same feature map</h4>
      <label className="pool-compare__channel">
        Channel to compare{' '}
        <select value={channel} onChange={(e) => onChannelChange(Number(e.target.value))}>
          {Array.from({ length: channels }, (_, c) => (
            <option key={c} value={c}>
              {c + 1}
            </option>
          ))}
        </select>
      </label>
      <div className="pool-compare__row">
        <Panel title={`Before pooling, ${height}×${width}`} map={source} range={range} label={`Channel ${channel + 1} before pooling, ${height} by ${width}`} />
        <Panel title={`${name('max')}, ${maxPooled.height}×${maxPooled.width}`} map={maxPooled} range={range} label={`Channel ${channel + 1} after max pooling`} />
        <Panel title={`${name('avg')}, ${avgPooled.height}×${avgPooled.width}`} map={avgPooled} range={range} label={`Channel ${channel + 1} after average pooling`} />
        <ColorLegend scale="sequential" range={range} label="Pooling comparison" />
      </div>
      <div className="pool-compare__numbers">
        <p className="muted" id={`${layerName}-window`}>
          The {poolSize}×{poolSize} window with the strongest value (rows {peak.row + 1}–{peak.row + poolSize}, columns {peak.col + 1}–{peak.col + poolSize}):
        </p>
        <table className="number-window" aria-labelledby={`${layerName}-window`}>
          <tbody>
            {cells.map((row, y) => (
              <tr key={y}>
                {row.map((v, x) => (
                  <td key={x}>{formatValue(v)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          max → <strong>{formatValue(maxPooled.values[outIndex])}</strong>
          <br />
          average → <strong>{formatValue(avgPooled.values[outIndex])}</strong>
        </p>
      </div>
    </section>
  );
}
