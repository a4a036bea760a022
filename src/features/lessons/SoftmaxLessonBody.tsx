import { useCallback, useEffect, useMemo, useState } from 'react';
import { SampleImage } from '../../components/SampleImage';
import { CLASS_NAMES } from '../../ml/constants';
import { useAppSelector, useAppStore } from '../../state/hooks';
import { scoresOf, softmaxAtTemperature, softmaxFindings } from './softmax';
import { ExpectationVerdict } from './ExpectationPicker';
import { pct, type ModelLesson } from './lessonModel';
import type { LessonActions } from './lessonActions';
import { useUsableModel } from './ModelLessonNotice';

/** Test images that make a good first example (a clear one, then harder ones). */
const EXAMPLES = [0, 4, 12, 40, 42];

/** Lesson 5: one image's class scores through softmax, at a temperature the student drags. */
export function SoftmaxLessonBody({ lesson, shown, canRunWithoutExpectation, expectation, register, onResult }: { lesson: ModelLesson; shown: boolean; canRunWithoutExpectation: boolean; expectation: string | null; register: (actions: LessonActions) => void; onResult: (ready: boolean) => void }) {
  const store = useAppStore();
  const dataset = useAppSelector((s) => s.dataset);
  const revision = useAppSelector((s) => s.model.revision);
  const sent = useAppSelector((s) => s.ui.internalsInput);
  const { usable, notice } = useUsableModel();
  const [choice, setChoice] = useState<number | 'sent'>(0);
  const [temperature, setTemperature] = useState(3);
  const [answer, setAnswer] = useState<{ key: string; probabilities: Float32Array } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const testReady = dataset.test.availableCount > Math.max(...EXAMPLES);
  const pixels = choice === 'sent' ? (sent?.pixels ?? null) : testReady ? dataset.test.image(EXAMPLES[choice]) : null;
  const imageLabel = choice === 'sent' ? (sent?.label ?? '') : `Test image ${EXAMPLES[choice] + 1} (${CLASS_NAMES[dataset.test.labels[EXAMPLES[choice]]] ?? ''})`;
  const key = `${revision}:${choice}:${choice === 'sent' ? sent?.revision : ''}`;
  const blocked = !usable ? 'No trained model to ask yet.' : !pixels ? 'Waiting for the test images to load…' : !canRunWithoutExpectation && !expectation ? 'Pick what you expect first.' : null;

  const run = useCallback(() => {
    if (blocked || !pixels) return;
    setError(null);
    store.predict(pixels).then(
      (probabilities) => setAnswer({ key, probabilities }),
      (e: Error) => setError(e.message),
    );
  }, [blocked, pixels, store, key]);
  useEffect(() => register({ run }), [register, run]);
  const current = answer && answer.key === key ? answer.probabilities : null;
  useEffect(() => onResult(current !== null), [current, onResult]);
  const findings = useMemo(() => (current ? softmaxFindings(current, temperature) : null), [current, temperature]);
  const scaled = useMemo(() => (current ? softmaxAtTemperature(current, temperature) : null), [current, temperature]);
  const base = useMemo(() => (current ? softmaxAtTemperature(current, 1) : null), [current]);
  const scores = useMemo(() => (current ? scoresOf(current) : null), [current]);

  return (
    <div className="lesson__body">
      <div className="lesson__run">
        <p className="muted">{lesson.runSummary}</p>
        {notice}
        <fieldset className="lesson__images-pick">
          <legend>Image</legend>
          {EXAMPLES.map((index, i) => (
            <label key={index} className="lesson__choice lesson__choice--inline">
              <input type="radio" name="softmax-image" checked={choice === i} onChange={() => setChoice(i)} />
              test image {index + 1}
            </label>
          ))}
          {sent && (
            <label className="lesson__choice lesson__choice--inline">
              <input type="radio" name="softmax-image" checked={choice === 'sent'} onChange={() => setChoice('sent')} />
              your image ({sent.label})
            </label>
          )}
        </fieldset>
        <div className="lesson__image-row">
          {pixels && <SampleImage pixels={pixels} label={imageLabel} size={84} />}
          <button type="button" className="primary" onClick={run} disabled={blocked !== null} aria-keyshortcuts="E">
            Ask the model
          </button>
        </div>
        {blocked && <p className="muted">{blocked}</p>}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
      {current && !shown && <p className="lesson__hidden">The result is in. Press V or Reveal to show it.</p>}
      {current && shown && findings && scaled && base && scores && (
        <section className="lesson__result" aria-label="Result">
          <ExpectationVerdict lesson={lesson} supports={findings.supports} />
          <label className="lesson__slider">
            Temperature: <strong>{temperature.toFixed(2)}</strong>
            <input type="range" min={0.25} max={5} step={0.05} value={temperature} onChange={(e) => setTemperature(Number(e.target.value))} />
          </label>
          <table className="lesson__table lesson__softmax">
            <caption className="visually-hidden">Class scores and probabilities at temperature 1 and at the chosen temperature</caption>
            <thead>
              <tr>
                <th scope="col">Class</th>
                <th scope="col">Score</th>
                <th scope="col">Probability at 1</th>
                <th scope="col">At {temperature.toFixed(2)}</th>
              </tr>
            </thead>
            <tbody>
              {CLASS_NAMES.map((name, c) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>{scores[c].toFixed(2)}</td>
                  <td>{pct(base[c])}</td>
                  <td>
                    <span className="lesson__bar" style={{ width: `${Math.max(1, scaled[c] * 100)}%` }} aria-hidden="true" />
                    {pct(scaled[c])}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="lesson__explanation" aria-label="Explanation">
            {findings.sentences.map((s) => (
              <p key={s}>{s}</p>
            ))}
          </div>
        </section>
      )}
    </div>
  );
}
