import { useCallback, useEffect, useMemo } from 'react';
import { SampleImage } from '../../components/SampleImage';
import { CLASS_NAMES } from '../../ml/constants';
import { useAppSelector, useAppStore } from '../../state/hooks';
import { confusionFindings } from './confusion';
import { ExpectationVerdict } from './ExpectationPicker';
import type { ModelLesson } from './lessonModel';
import type { LessonActions } from './lessonActions';
import { useUsableModel } from './ModelLessonNotice';

/** Lesson 7: the model's own confusion matrix, its most confused pair and the images behind it. */
export function ConfusionLessonBody({ lesson, shown, canRunWithoutExpectation, expectation, register, onResult }: { lesson: ModelLesson; shown: boolean; canRunWithoutExpectation: boolean; expectation: string | null; register: (actions: LessonActions) => void; onResult: (ready: boolean) => void }) {
  const store = useAppStore();
  const final = useAppSelector((s) => s.evaluation.final);
  const revision = useAppSelector((s) => s.model.revision);
  const source = useAppSelector((s) => s.model.source);
  const labels = useAppSelector((s) => s.dataset.test.labels);
  const dataset = useAppSelector((s) => s.dataset);
  const testLoaded = useAppSelector((s) => s.data.testAvailable >= s.config.testSize);
  const { usable, notice } = useUsableModel();
  const evaluation = final && final.modelRevision === revision ? final : null;
  const findings = useMemo(() => (evaluation ? confusionFindings(evaluation.probabilities, evaluation.indices, labels) : null), [evaluation, labels]);
  const blocked = !usable ? 'No trained model to ask yet.' : !testLoaded ? 'Waiting for the test images to load…' : !canRunWithoutExpectation && !expectation ? 'Pick what you expect first.' : null;

  const run = useCallback(() => {
    if (blocked) return;
    // A run's model already has its test evaluation; a loaded one is scored now (once per model).
    if (source !== 'trained') store.evaluateActiveModel().catch(() => undefined);
  }, [blocked, source, store]);
  useEffect(() => register({ run }), [register, run]);
  useEffect(() => onResult(findings !== null), [findings, onResult]);
  const asked = evaluation !== null;

  return (
    <div className="lesson__body">
      <div className="lesson__run">
        <p className="muted">{lesson.runSummary}</p>
        {notice}
        <button type="button" className="primary" onClick={run} disabled={blocked !== null || asked} aria-keyshortcuts="E">
          {asked ? 'Scored' : 'Score the model'}
        </button>
        {blocked && <p className="muted">{blocked}</p>}
      </div>
      {findings && !shown && <p className="lesson__hidden">The result is in. Press V or Reveal to show it.</p>}
      {findings && shown && (
        <section className="lesson__result" aria-label="Result">
          <ExpectationVerdict lesson={lesson} supports={findings.supports} />
          <MatrixTable counts={findings.matrix.counts} highlight={findings.pair ? [findings.pair.a, findings.pair.b] : null} />
          {findings.pair && (
            <div className="lesson__examples">
              {(
                [
                  [findings.pair.a, findings.pair.b, findings.examples.aAsB],
                  [findings.pair.b, findings.pair.a, findings.examples.bAsA],
                ] as const
              ).map(([truth, called, indices]) => (
                <figure key={`${truth}-${called}`}>
                  <figcaption>
                    {CLASS_NAMES[truth]} called {CLASS_NAMES[called]}
                  </figcaption>
                  <div className="lesson__images">
                    {indices.map((i) => (
                      <SampleImage key={i} pixels={dataset.test.image(i)} label={`Test image ${i + 1}: a ${CLASS_NAMES[truth]} the model called ${CLASS_NAMES[called]}`} size={72} />
                    ))}
                    {indices.length === 0 && <span className="muted">none</span>}
                  </div>
                </figure>
              ))}
            </div>
          )}
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

/** Column-width names (the full names are the headers' labels). */
const SHORT_NAMES = ['T-shirt', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Boot'];

/** The matrix as a table: rows the true class, columns what it was called; the pair's cells marked. */
function MatrixTable({ counts, highlight }: { counts: readonly (readonly number[])[]; highlight: readonly [number, number] | null }) {
  const max = Math.max(1, ...counts.flatMap((row, r) => row.filter((_, c) => c !== r)));
  const isPair = (r: number, c: number) => !!highlight && ((r === highlight[0] && c === highlight[1]) || (r === highlight[1] && c === highlight[0]));
  const short = (c: number) => SHORT_NAMES[c];
  return (
    <div className="lesson__matrix-wrap">
      <table className="lesson__matrix">
        <caption>Confusion matrix: rows are the true class, columns what the model said</caption>
        <thead>
          <tr>
            <th scope="col">true ＼ said</th>
            {CLASS_NAMES.map((n, c) => (
              <th scope="col" key={n} title={n} aria-label={n}>
                {short(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {counts.map((row, r) => (
            <tr key={CLASS_NAMES[r]}>
              <th scope="row" title={CLASS_NAMES[r]} aria-label={CLASS_NAMES[r]}>
                {short(r)}
              </th>
              {row.map((value, c) => (
                <td
                  key={c}
                  className={`${r === c ? 'lesson__diag' : ''} ${isPair(r, c) ? 'lesson__pair' : ''}`}
                  style={r !== c && value > 0 ? { background: `rgba(207, 34, 46, ${Math.min(0.6, (value / max) * 0.6)})` } : undefined}
                >
                  {value}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
