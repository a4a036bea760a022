import { useLayoutEffect, useRef } from 'react';
import { CLASS_NAMES } from '../../ml/constants';
import type { AttentionMap, AttentionMethod } from '../../ml/internals/attention';
import { colorAt } from './colormap';
import { ColorLegend } from './ColorLegend';
import { ConceptNote } from './ConceptNote';
import { drawMap } from './mapDrawing';

export interface AttentionViewProps {
  /** The input as the network sees it: height×width values in [0, 1]. */
  readonly input: Float32Array;
  readonly attention: AttentionMap;
  readonly predicted: number;
  /** null = follow the predicted class. */
  readonly chosenClass: number | null;
  readonly onClassChange: (classIndex: number | null) => void;
  readonly method: AttentionMethod;
  readonly onMethodChange: (method: AttentionMethod) => void;
}

/** Draws the grayscale image with the heat blended over it (more heat = more colour). */
function drawOverlay(canvas: HTMLCanvasElement | null, input: Float32Array, heat: Float32Array, width: number, height: number): void {
  const context = canvas?.getContext('2d');
  if (!context) return;
  const image = context.createImageData(width, height);
  for (let i = 0; i < width * height; i++) {
    const gray = input[i] * 255;
    const alpha = 0.15 + 0.7 * heat[i];
    const [r, g, b] = colorAt('sequential', heat[i]);
    image.data.set([gray * (1 - alpha) + r * alpha, gray * (1 - alpha) + g * alpha, gray * (1 - alpha) + b * alpha, 255], i * 4);
  }
  context.putImageData(image, 0, 0);
}

const name = (i: number) => CLASS_NAMES[i] ?? `Class ${i}`;

/** "What the network looks at": Grad-CAM or gradient saliency for the predicted or a chosen class. */
export function AttentionView({ input, attention, predicted, chosenClass, onClassChange, method, onMethodChange }: AttentionViewProps) {
  const overlay = useRef<HTMLCanvasElement>(null);
  const heatOnly = useRef<HTMLCanvasElement>(null);
  const coarse = useRef<HTMLCanvasElement>(null);
  const { width, height, heat } = attention;
  useLayoutEffect(() => {
    drawOverlay(overlay.current, input, heat, width, height);
    drawMap(heatOnly.current, heat, width, height, { min: 0, max: 1 }, 'sequential');
    if (attention.coarse) drawMap(coarse.current, attention.coarse.values, attention.coarse.width, attention.coarse.height, { min: 0, max: Math.max(attention.maxRaw, 1e-12) }, 'sequential');
  }, [input, heat, width, height, attention]);
  const explained = name(attention.classIndex);
  const what = attention.method === 'grad-cam' ? 'Grad-CAM' : 'Gradient saliency';
  return (
    <div className="attention">
      <div className="controls-row">
        <label>
          Explain class{' '}
          <select value={chosenClass ?? 'predicted'} onChange={(e) => onClassChange(e.target.value === 'predicted' ? null : Number(e.target.value))}>
            <option value="predicted">The predicted class ({name(predicted)})</option>
            {CLASS_NAMES.map((n, i) => (
              <option key={n} value={i}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="segmented">
          <legend>Method</legend>
          <label>
            <input type="radio" name="attention-method" checked={method === 'grad-cam'} onChange={() => onMethodChange('grad-cam')} /> Grad-CAM
          </label>
          <label>
            <input type="radio" name="attention-method" checked={method === 'saliency'} onChange={() => onMethodChange('saliency')} /> Gradient saliency
          </label>
        </fieldset>
      </div>
      <div className="attention__row">
        <figure>
          <canvas
            ref={overlay}
            width={width}
            height={height}
            className="pixelated attention__canvas"
            role="img"
            aria-label={`${what} for ${explained} over the image`}
            data-testid="attention-map"
          />
          <figcaption>
            {what} for <strong>{explained}</strong> over the image
          </figcaption>
        </figure>
        <figure>
          <canvas ref={heatOnly} width={width} height={height} className="pixelated attention__canvas" role="img" aria-label={`${what} heat alone`} />
          <figcaption>Heat alone</figcaption>
        </figure>
        {attention.coarse && (
          <figure>
            <canvas
              ref={coarse}
              width={attention.coarse.width}
              height={attention.coarse.height}
              className="pixelated attention__canvas"
              role="img"
              aria-label={`Grad-CAM at the resolution of ${attention.coarse.layerName}, ${attention.coarse.height} by ${attention.coarse.width}`}
            />
            <figcaption>
              Before upsampling: {attention.coarse.height}×{attention.coarse.width} at {attention.coarse.layerName}
            </figcaption>
          </figure>
        )}
        <ColorLegend scale="sequential" range={{ min: 0, max: 1 }} label="Relative importance, 0 to the strongest" />
      </div>
      {method === 'grad-cam' && attention.method === 'saliency' && (
        <p className="note" role="note">
          This network has no convolution layer, so Grad-CAM cannot be computed: gradient saliency is shown instead.
        </p>
      )}
      {attention.maxRaw === 0 && (
        <p className="note" role="note">
          The score for {explained} does not depend on any pixel of this image right now (every unit it would use is switched off by ReLU), so
          there is nothing to show. Try another class, or train a little more.
        </p>
      )}
      <ConceptNote name={attention.method === 'grad-cam' ? 'gradCam' : 'saliency'} />
    </div>
  );
}
