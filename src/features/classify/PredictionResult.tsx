import { useRef } from 'react';
import { useThrottledRender } from '../../components/useThrottledRender';
import { CLASS_NAMES } from '../../ml/constants';
import { useAppSelector } from '../../state/hooks';
import { PROJECTOR_FONT_SIZE } from '../../vis/lineChart';
import { renderProbabilityBars } from '../../vis/probabilityBars';
import { adviseOnPrediction, describeTop, topPrediction, type Advice } from './inputAdvice';

interface Props {
  /** 10 probabilities, or null when there is nothing to predict (yet). */
  readonly probabilities: Float32Array | null;
  /** Warnings about the input (shown with or without a prediction). */
  readonly inputAdvice: readonly Advice[];
  /** Shown instead of a prediction when there is none. */
  readonly placeholder: string;
}

/** The top class in words, gentle warnings, and all 10 probabilities as a chart and a table. */
export function PredictionResult({ probabilities, inputAdvice, placeholder }: Props) {
  const chart = useRef<HTMLDivElement>(null);
  const top = probabilities ? topPrediction(probabilities) : null;
  const confidence = top ? adviseOnPrediction(top) : null;
  const advice = confidence ? [...inputAdvice, confidence] : inputAdvice;
  const fontSize = useAppSelector((s) => (s.ui.instructor ? PROJECTOR_FONT_SIZE : undefined));

  useThrottledRender(
    () => {
      if (chart.current && probabilities) void renderProbabilityBars(chart.current, probabilities, CLASS_NAMES, fontSize === undefined ? 230 : 300, fontSize);
    },
    [probabilities, fontSize],
    200,
  );

  return (
    <div className="prediction">
      <p className="prediction__top" role="status" aria-label="Prediction">
        {top ? (
          <>
            Most likely: <strong>{describeTop(top)}</strong>
          </>
        ) : (
          <span className="muted">{placeholder}</span>
        )}
      </p>
      {advice.length > 0 && (
        <ul className="prediction__advice" aria-label="Warnings about the input">
          {advice.map((a) => (
            <li key={a.kind}>
              <span aria-hidden="true">⚠ </span>
              {a.message}
            </li>
          ))}
        </ul>
      )}
      <figure className="chart prediction__chart" hidden={!probabilities}>
        <figcaption>Probability of each class</figcaption>
        <div ref={chart} data-testid="probability-chart" />
      </figure>
      {probabilities && top && (
        <details className="prediction__table">
          <summary>Probabilities as a table</summary>
          <table aria-label="Class probabilities">
            <thead>
              <tr>
                <th scope="col">Class</th>
                <th scope="col">Probability</th>
              </tr>
            </thead>
            <tbody>
              {CLASS_NAMES.map((name, i) => (
                <tr key={name} className={i === top.classIndex ? 'prediction__row--top' : undefined}>
                  <th scope="row">
                    {name}
                    {i === top.classIndex && ' (top)'}
                  </th>
                  <td>{(probabilities[i] * 100).toFixed(1)} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}
