import { useLayoutEffect, useRef } from 'react';
import { valueRange } from '../../ml/internals/maps';
import { ColorLegend } from './ColorLegend';
import { ConceptNote } from './ConceptNote';
import { drawMap } from './mapDrawing';

/** Stage 0: the image as the network receives it, and the [0, 1] normalisation. */
export function InputStage({ input, shape, label }: { input: Float32Array; shape: readonly [number, number, number]; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [h, w] = shape;
  useLayoutEffect(() => drawMap(canvas.current, input, w, h, { min: 0, max: 1 }, 'gray'), [input, w, h]);
  const range = valueRange(input);
  // The brightest pixel, to show one byte turning into one input number.
  let peak = 0;
  input.forEach((v, i) => {
    if (v > input[peak]) peak = i;
  });
  const byte = Math.round(input[peak] * 255);
  return (
    <section className="stage" aria-labelledby="stage-input">
      <h3 id="stage-input">
        <span className="stage__number">0</span> Input <span className="stage__what">· {shape.join('×')} pixels</span>
      </h3>
      <div className="stage__row">
        <figure className="input-figure">
          <canvas ref={canvas} width={w} height={h} className="pixelated input-figure__canvas" role="img" aria-label={`${label}, as the network sees it`} data-testid="input-image" />
          <figcaption>{label}</figcaption>
          <ColorLegend scale="gray" range={{ min: 0, max: 1 }} label="Input pixel values" />
        </figure>
        <ConceptNote
          name="normalisation"
          live={
            <>
              This image: values from {range.min.toFixed(2)} to {range.max.toFixed(2)}. Its brightest pixel (row {Math.floor(peak / w) + 1}, column {(peak % w) + 1}) is byte{' '}
              {byte}, so the network receives {byte} ÷ 255 = {input[peak].toFixed(3)}.
            </>
          }
        />
      </div>
    </section>
  );
}
