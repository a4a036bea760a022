import { useMemo, useState } from 'react';
import { SampleImage } from '../../components/SampleImage';
import { CLASS_NAMES } from '../../ml/constants';
import type { RgbaRaster } from '../../ml/preprocess';
import { useAppSelector } from '../../state/hooks';
import { RasterView } from './RasterView';

const PREVIEW = 140;

/** Index of the `nth` (wrapping) loaded training image of class `label`, or null if none is loaded. */
function findTrainingImage(labels: Uint8Array, available: number, label: number, nth: number): number | null {
  const matches: number[] = [];
  for (let i = 0; i < available; i++) if (labels[i] === label) matches.push(i);
  return matches.length ? matches[nth % matches.length] : null;
}

interface Props {
  readonly original: RgbaRaster;
  readonly originalLabel: string;
  /** The 28x28 bytes the model gets. */
  readonly pixels: Uint8Array;
  /** Predicted class, or null before any prediction. */
  readonly predicted: number | null;
}

/** The input next to what the model sees, and optionally a real training image of the predicted class. */
export function ModelInputPreview({ original, originalLabel, pixels, predicted }: Props) {
  const data = useAppSelector((s) => s.data);
  const [compare, setCompare] = useState(false);
  const [nth, setNth] = useState(0);
  const dataset = useAppSelector((s) => s.dataset);
  const trainAvailable = data.trainAvailable;
  const example = useMemo(
    () => (dataset && predicted !== null && trainAvailable > 0 ? findTrainingImage(dataset.train.labels, dataset.train.availableCount, predicted, nth) : null),
    [dataset, predicted, nth, trainAvailable],
  );

  return (
    <div className="model-preview">
      <div className="model-preview__images">
        <figure>
          <div className="model-preview__frame">
            <RasterView raster={original} label={originalLabel} box={PREVIEW} />
          </div>
          <figcaption>Original</figcaption>
        </figure>
        <span className="model-preview__arrow" aria-hidden="true">
          →
        </span>
        <figure>
          <SampleImage pixels={pixels} label="What the model sees: the 28×28 input" size={PREVIEW} />
          <figcaption>What the model sees (28×28)</figcaption>
        </figure>
        {compare && predicted !== null && (
          <figure>
            {dataset && example !== null ? (
              <SampleImage pixels={dataset.train.image(example)} label={`Training image ${example}, a ${CLASS_NAMES[predicted]}`} size={PREVIEW} />
            ) : (
              <p className="muted model-preview__missing">No training image of this class is loaded yet.</p>
            )}
            <figcaption>
              A training {CLASS_NAMES[predicted]}
              {example !== null && <span className="muted"> (#{example})</span>}
            </figcaption>
          </figure>
        )}
      </div>
      <div className="controls-row">
        <label>
          <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} disabled={predicted === null} /> Compare with a training image of the
          predicted class
        </label>
        {compare && example !== null && (
          <button type="button" onClick={() => setNth((n) => n + 1)}>
            Another example
          </button>
        )}
      </div>
    </div>
  );
}
