import { cssGradient, formatValue, type ColorScale, type ScaleRange } from './colormap';

/** A colour bar with its numeric ends (and 0 in the middle of a diverging scale). */
export function ColorLegend({ scale, range, label }: { scale: ColorScale; range: ScaleRange; label: string }) {
  return (
    <div className="legend" aria-label={`${label}: colour scale from ${formatValue(range.min)} to ${formatValue(range.max)}`} role="img">
      <span className="legend__end">{formatValue(range.min)}</span>
      <span className="legend__bar" style={{ background: cssGradient(scale) }}>
        {scale === 'diverging' && <span className="legend__zero">0</span>}
      </span>
      <span className="legend__end">{formatValue(range.max)}</span>
    </div>
  );
}
