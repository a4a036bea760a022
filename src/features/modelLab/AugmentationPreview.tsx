import { useMemo, useState } from 'react';
import { SampleImage } from '../../components/SampleImage';
import { CLASS_NAMES, IMAGE_PIXELS } from '../../ml/constants';
import { deriveSeed, SEED_STREAM } from '../../ml/model/seeds';
import type { AugmentationSpec } from '../../ml/model/spec';
import { augmentImages, isAugmenting } from '../../ml/training/augment';
import { createRng } from '../../ml/random';
import { useAppSelector } from '../../state/hooks';

const SAMPLES = 8;

/** The first training image of each of the first classes met: varied garments to look at. */
function sampleIndices(labels: Uint8Array, available: number): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (let i = 0; i < available && out.length < SAMPLES; i++) {
    if (!seen.has(labels[i])) {
      seen.add(labels[i]);
      out.push(i);
    }
  }
  return out;
}

/**
 * Training images before and after augmentation, drawn with the same code and seeded RNG
 * the trainer uses. "Draw again" shows the next random variations.
 */
export function AugmentationPreview({ augmentation, seed }: { augmentation: AugmentationSpec; seed: number }) {
  const data = useAppSelector((s) => s.data);
  const [round, setRound] = useState(0);
  const dataset = useAppSelector((s) => s.dataset);
  const train = data.trainAvailable > 0 ? dataset.train : undefined;
  const scanned = Math.min(data.trainAvailable, 1000);
  const indices = useMemo(() => (train ? sampleIndices(train.labels, scanned) : []), [train, scanned]);
  const originals = useMemo(() => (train ? indices.map((i) => train.image(i)) : []), [train, indices]);
  const augmented = useMemo(() => {
    if (!train || indices.length === 0) return null;
    const bytes = augmentImages(train.images, indices, augmentation, createRng(deriveSeed(seed, SEED_STREAM.augmentation, 1000 + round)));
    return indices.map((_, i) => bytes.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS));
  }, [train, indices, augmentation, seed, round]);
  if (!train || !augmented) return <p className="muted">The preview appears when the first training images have loaded.</p>;
  const on = isAugmenting(augmentation);
  return (
    <div className="augment-preview">
      <ul className="augment-preview__grid" aria-label="Augmented samples">
        {indices.map((index, i) => {
          const name = CLASS_NAMES[train.labels[index]];
          return (
            <li key={index}>
              <SampleImage pixels={originals[i]} label={`${name}, original`} size={44} />
              <SampleImage pixels={augmented[i]} label={`${name}, as the network sees it`} size={44} />
            </li>
          );
        })}
      </ul>
      <p className="muted augment-preview__caption">
        Top: originals. Bottom: {on ? 'one random augmentation each' : 'unchanged (augmentation is off)'}.{' '}
        <button type="button" className="link-button" onClick={() => setRound((r) => r + 1)} disabled={!on}>
          Draw again
        </button>
      </p>
    </div>
  );
}
