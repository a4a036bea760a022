import { useMemo, useState } from 'react';
import { CLASS_NAMES } from '../ml/constants';
import { createRng } from '../ml/random';
import { useAppSelector } from '../state/hooks';
import { SampleImage } from './SampleImage';

const GRID = 25;

/** Picks up to `count` random training indices among the loaded ones, optionally of one class. */
function pickSamples(labels: Uint8Array, available: number, classFilter: number | null, count: number, seed: number): number[] {
  const candidates: number[] = [];
  for (let i = 0; i < available; i++) if (classFilter === null || labels[i] === classFilter) candidates.push(i);
  const rng = createRng(seed);
  for (let i = 0; i < Math.min(count, candidates.length); i++) {
    const j = i + Math.floor(rng() * (candidates.length - i));
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  return candidates.slice(0, count);
}

/** A 5×5 grid of training images with their class names, filterable by class. */
export function DatasetExplorer() {
  const data = useAppSelector((s) => s.data);
  const [classFilter, setClassFilter] = useState<number | null>(null);
  const [seed, setSeed] = useState(1);
  // Refresh only when the first sheet arrives or the user asks, not on every later sheet.
  const available = data.trainAvailable > 0 ? data.trainAvailable : 0;
  const firstSheetReady = available > 0;
  const dataset = useAppSelector((s) => s.dataset);
  const samples = useMemo(
    () => (dataset && firstSheetReady ? pickSamples(dataset.train.labels, dataset.train.availableCount, classFilter, GRID, seed) : []),
    [dataset, firstSheetReady, classFilter, seed],
  );
  return (
    <section className="panel" aria-labelledby="explorer-heading">
      <h2 id="explorer-heading">Explore the data</h2>
      <div className="controls-row">
        <label>
          Show class{' '}
          <select value={classFilter ?? 'all'} onChange={(e) => setClassFilter(e.target.value === 'all' ? null : Number(e.target.value))}>
            <option value="all">All classes</option>
            {CLASS_NAMES.map((name, i) => (
              <option key={name} value={i}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setSeed((s) => s + 1)} disabled={!firstSheetReady}>
          New samples
        </button>
      </div>
      {!firstSheetReady || !dataset ? (
        <p className="muted">Samples appear as soon as the first images arrive.</p>
      ) : (
        <ul className="sample-grid" aria-label="Training samples">
          {samples.map((index) => {
            const name = CLASS_NAMES[dataset.train.labels[index]];
            return (
              <li key={index}>
                <SampleImage pixels={dataset.train.image(index)} label={`${name}, training image ${index}`} />
                <span className="sample-grid__label">{name}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
