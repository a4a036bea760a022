import { useMemo, useState } from 'react';
import { SampleImage } from '../../components/SampleImage';
import type { ArmResult } from '../../ml/experiments/plan';
import { useAppSelector } from '../../state/hooks';
import { FILTER_IMAGE, filterResponse, PRESET_KERNELS } from './filters';
import { pct } from './lessonModel';
import { MapCanvas } from './MapCanvas';

/** One filter's 3×3 weights as a tiny image (negative dark, positive light, on a shared scale). */
function filterValues(values: readonly number[], shape: readonly number[], index: number): number[] {
  const [kh, kw, , out] = shape;
  return Array.from({ length: kh * kw }, (_, i) => values[i * out + index]);
}

/** Lesson 2's pictures: the filters before and after, their maps of a trouser, and a filter you edit. */
export function FiltersFigure({ results }: { results: readonly ArmResult[] }) {
  const run = results[0];
  const image = useAppSelector((s) => (s.dataset.test.availableCount > FILTER_IMAGE ? s.dataset.test.image(FILTER_IMAGE) : null));
  const [kernel, setKernel] = useState<readonly number[]>(PRESET_KERNELS[0].kernel);
  const response = useMemo(() => (image ? filterResponse(image, kernel) : null), [image, kernel]);
  const filters = run?.filters;
  const map = run?.maps[0];
  if (!filters || !map) return null;
  const count = filters.shape[3];
  const scale = Math.max(...filters.before.map(Math.abs), ...filters.after.map(Math.abs));
  // Shift weights to 0..2·scale so zero is mid-grey.
  const shifted = (v: number[]) => v.map((x) => x + scale);
  const [h, w, c] = map.shape;
  return (
    <div className="lesson__filters">
      <div className="lesson__maps" role="group" aria-label="First-layer filters before and after training, and their maps of a trouser">
        {Array.from({ length: count }, (_, k) => (
          <figure key={k}>
            <div className="lesson__filter-pair">
              <MapCanvas width={3} height={3} values={shifted(filterValues(filters.before, filters.shape, k))} scale={2 * scale} size={36} label={`Filter ${k + 1} before training`} />
              <MapCanvas width={3} height={3} values={shifted(filterValues(filters.after, filters.shape, k))} scale={2 * scale} size={36} label={`Filter ${k + 1} after training`} />
            </div>
            <MapCanvas width={w} height={h} values={Array.from({ length: h * w }, (_, i) => map.values[i * c + k])} size={78} label={`Filter ${k + 1}'s map of the trouser`} />
            <figcaption>Filter {k + 1}</figcaption>
          </figure>
        ))}
      </div>
      <p className="muted">Each column: a filter before and after training (grey is 0, lighter positive, darker negative), and what it found in the trouser.</p>
      <fieldset className="lesson__editor">
        <legend>Edit a filter</legend>
        <div className="lesson__presets">
          {PRESET_KERNELS.map((preset) => (
            <button key={preset.id} type="button" onClick={() => setKernel(preset.kernel)}>
              {preset.label}
            </button>
          ))}
        </div>
        <div className="lesson__editor-row">
          <div className="lesson__kernel" role="group" aria-label="The filter's 3×3 weights">
            {kernel.map((v, i) => (
              <input
                key={i}
                type="number"
                step={0.5}
                aria-label={`Weight row ${Math.floor(i / 3) + 1}, column ${(i % 3) + 1}`}
                value={Number(v.toFixed(3))}
                onChange={(e) => {
                  const value = Number(e.target.value);
                  if (Number.isFinite(value)) setKernel(kernel.map((old, j) => (j === i ? value : old)));
                }}
              />
            ))}
          </div>
          {image && <SampleImage pixels={image} label="The trouser (test image 3)" size={104} />}
          {response && <MapCanvas width={26} height={26} values={response.map} size={104} label={`Your filter's map: total ${response.total.toFixed(1)}, peak ${response.peak.toFixed(2)}`} />}
        </div>
        {response && (
          <p>
            Your filter's map (after ReLU): total response {response.total.toFixed(1)}, strongest {response.peak.toFixed(2)}, lit (&gt; 0.1) at {pct(response.active, 0)} of the 26×26 positions.
          </p>
        )}
      </fieldset>
    </div>
  );
}
