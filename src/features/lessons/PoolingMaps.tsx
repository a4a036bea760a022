import type { ArmResult } from '../../ml/experiments/plan';
import { MapCanvas } from './MapCanvas';
import { liveliestChannel, pool2x2 } from './pooling';

/** One filter's map on the trouser image, and the same map max-pooled and average-pooled, side by side. */
export function PoolingMaps({ results }: { results: readonly ArmResult[] }) {
  const conv = results.find((r) => r.armId === 'max')?.maps[0];
  if (!conv) return null;
  const [h, w, c] = conv.shape;
  const channel = liveliestChannel(conv);
  const values = Array.from({ length: h * w }, (_, i) => conv.values[i * c + channel]);
  const max = pool2x2(conv, channel, 'max');
  const avg = pool2x2(conv, channel, 'avg');
  const scale = Math.max(...values);
  const fmt = (v: readonly number[]) => `peak ${Math.max(...v).toFixed(2)}, mean ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(2)}`;
  return (
    <div className="lesson__maps" role="group" aria-label="Feature maps">
      <figure>
        <MapCanvas width={w} height={h} values={values} scale={scale} label={`Filter ${channel + 1}'s map, ${w}×${h}: ${fmt(values)}`} />
        <figcaption>
          Filter {channel + 1}, {w}×{h}
        </figcaption>
      </figure>
      <figure>
        <MapCanvas width={max.width} height={max.height} values={max.values} scale={scale} label={`Max-pooled, ${max.width}×${max.height}: ${fmt(max.values)}`} />
        <figcaption>
          Max-pooled, {max.width}×{max.height}
        </figcaption>
      </figure>
      <figure>
        <MapCanvas width={avg.width} height={avg.height} values={avg.values} scale={scale} label={`Average-pooled, ${avg.width}×${avg.height}: ${fmt(avg.values)}`} />
        <figcaption>
          Average-pooled, {avg.width}×{avg.height}
        </figcaption>
      </figure>
    </div>
  );
}
