import type { GrayRaster, PreprocessResult, RgbaRaster } from '../../ml/preprocess';
import { RasterView } from './RasterView';

interface Step {
  readonly title: string;
  readonly raster: GrayRaster | RgbaRaster | null;
  readonly detail: string;
}

const size = (r: { width: number; height: number }) => `${r.width}×${r.height}`;

function steps(original: RgbaRaster, result: PreprocessResult): Step[] {
  const { steps: s, background, grayscaleInfo, placement } = result;
  return [
    { title: 'Input', raster: original, detail: `${size(original)} pixels` },
    {
      title: '1. Grayscale',
      raster: s.grayscale,
      detail:
        grayscaleInfo.reduction > 1
          ? `Brightness only; averaged down ${grayscaleInfo.reduction}× to ${size(s.grayscale)}`
          : grayscaleInfo.compositeOver !== null
            ? `Brightness only; transparent parts count as background`
            : 'Brightness only, colour dropped',
    },
    {
      title: background.inverted ? '2. Inverted' : '2. Background',
      raster: s.normalized,
      detail: background.inverted
        ? 'The background was light, so it was inverted: light item on black, like the dataset'
        : 'Already a light item on a dark background; background set to black',
    },
    {
      title: '3. Cropped',
      raster: s.cropped,
      detail: s.cropped ? `Cut to the item: ${size(s.cropped)}` : 'No item found to crop',
    },
    {
      title: '4. Fitted',
      raster: s.fitted,
      detail: s.fitted ? `Aspect ratio kept, longest side 28: ${size(s.fitted)}` : '—',
    },
    {
      title: '5. Centred',
      raster: s.centred,
      detail: placement
        ? `Placed in the 28×28 frame, ${placement.mode === 'box' ? 'its box centred' : 'centred by mass'}, as in the dataset`
        : 'Empty 28×28 frame',
    },
  ];
}

/** The preprocessing, one small picture per step, with what happened in words. */
export function PreprocessSteps({ original, result }: { original: RgbaRaster; result: PreprocessResult }) {
  return (
    <figure className="preprocess-steps">
      <figcaption>How your input becomes a Fashion-MNIST image</figcaption>
      <ol aria-label="Preprocessing steps">
        {steps(original, result).map((step) => (
          <li key={step.title}>
            <div className="preprocess-steps__picture">
              {step.raster && step.raster.width > 0 ? <RasterView raster={step.raster} label={`${step.title}: ${step.detail}`} box={88} /> : <span className="muted">—</span>}
            </div>
            <strong>{step.title}</strong>
            <span className="muted">{step.detail}</span>
          </li>
        ))}
      </ol>
      <p className="muted preprocess-steps__reason">{result.background.reason}</p>
    </figure>
  );
}
