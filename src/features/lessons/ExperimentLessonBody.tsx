import { useCallback, useEffect, useMemo, useRef } from 'react';
import { formatDuration } from '../../components/format';
import { useThrottledRender } from '../../components/useThrottledRender';
import type { ArmResult } from '../../ml/experiments/plan';
import { useAppSelector, useAppStore } from '../../state/hooks';
import { selectBusy } from '../../state/selectors';
import { disposeLineChart, PROJECTOR_FONT_SIZE, renderLineChart } from '../../vis/lineChart';
import { CURVE_DEFS } from './experimentSeries';
import { ExpectationVerdict } from './ExpectationPicker';
import { completeResults, count, pct, type ExperimentLesson } from './lessonModel';
import type { LessonActions } from './lessonActions';
import { PoolingMaps } from './PoolingMaps';
import { FiltersFigure } from './FiltersFigure';

const NO_RESULTS: Readonly<Record<string, ArmResult>> = {};

/** Run an experiment lesson: its runs, their progress, the overlaid result and the explanation. */
export function ExperimentLessonBody({ lesson, shown, canRunWithoutExpectation, expectation, register }: { lesson: ExperimentLesson; shown: boolean; canRunWithoutExpectation: boolean; expectation: string | null; register: (actions: LessonActions) => void }) {
  const store = useAppStore();
  const results = useAppSelector((s) => s.experiments.results[lesson.plan.id] ?? NO_RESULTS);
  const running = useAppSelector((s) => s.experiments.running);
  const requested = useAppSelector((s) => s.experiments.requested);
  const problem = useAppSelector((s) => s.experiments.problems[lesson.plan.id] ?? null);
  const busy = useAppSelector(selectBusy);
  const instructor = useAppSelector((s) => s.ui.instructor);
  const needTrain = Math.max(...lesson.plan.arms.map((a) => a.config.trainSize));
  const needTest = Math.max(...lesson.plan.arms.map((a) => a.config.testSize));
  const dataReady = useAppSelector((s) => s.backend.status === 'ready' && s.data.trainAvailable >= needTrain && s.data.testAvailable >= needTest);
  const complete = completeResults(lesson, results);
  const missing = lesson.plan.arms.filter((arm) => !results[arm.id]);
  const thisRunning = running?.experimentId === lesson.plan.id || requested === lesson.plan.id;
  const otherRunning = (running !== null || requested !== null) && !thisRunning;
  const blocked = !dataReady ? 'Waiting for the images to load…' : busy ? 'A playground run is training: stop it first (Stop in the bar above).' : otherRunning ? 'Another lesson\'s experiment is running.' : !canRunWithoutExpectation && !expectation ? 'Pick what you expect first.' : null;

  const run = useCallback(() => {
    if (blocked || thisRunning) return;
    // After a stop or a reload only the arms that did not finish run again.
    const arms = missing.length > 0 ? missing : lesson.plan.arms;
    if (missing.length === 0) store.clearExperiment(lesson.plan.id);
    store.runExperiment({ ...lesson.plan, arms });
  }, [blocked, thisRunning, missing, lesson, store]);
  useEffect(() => register({ run }), [register, run]);

  const explanation = useMemo(() => (complete ? lesson.explain(results) : null), [complete, lesson, results]);
  const progress = running?.experimentId === lesson.plan.id ? running.progress : null;
  const armIndex = progress ? lesson.plan.arms.findIndex((a) => a.id === progress.armId) : -1;
  const trainingSeconds = complete ? complete.reduce((s, r) => s + r.trainSeconds, 0) : 0;

  return (
    <div className="lesson__body">
      <div className="lesson__run">
        <p className="muted">{lesson.runSummary}</p>
        {thisRunning ? (
          <button type="button" onClick={() => store.stopExperiment()}>
            Stop
          </button>
        ) : (
          <button type="button" className="primary" onClick={run} disabled={blocked !== null} aria-keyshortcuts="E">
            {complete ? 'Run again' : Object.keys(results).length > 0 ? `Continue (${missing.length} run${missing.length === 1 ? '' : 's'} left)` : 'Run the experiment'}
          </button>
        )}
        {blocked && !thisRunning && <p className="muted">{blocked}</p>}
        {problem && !thisRunning && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <ol className="lesson__arms" aria-label="Runs">
          {lesson.plan.arms.map((arm, i) => {
            const result = results[arm.id];
            const now = i === armIndex && progress;
            return (
              <li key={arm.id}>
                {arm.label}:{' '}
                {result
                  ? `done in ${formatDuration(result.trainSeconds)}${result.status === 'diverged' ? ' (diverged)' : ''}`
                  : now
                    ? `training, epoch ${progress.epoch + 1} of ${progress.epochs}, batch ${progress.batch} of ${progress.batchesInEpoch}`
                    : thisRunning
                      ? 'waiting'
                      : 'not run yet'}
              </li>
            );
          })}
        </ol>
      </div>
      {complete && !shown && <p className="lesson__hidden">The result is in. {instructor ? 'Press V or Reveal to show it.' : ''}</p>}
      {complete && shown && explanation && (
        <section className="lesson__result" aria-label="Result">
          <ExpectationVerdict lesson={lesson} supports={explanation.supports} />
          <ResultChart lesson={lesson} results={complete} />
          {lesson.figure === 'poolingMaps' && <PoolingMaps results={complete} />}
          {lesson.figure === 'filters' && <FiltersFigure results={complete} />}
          <ResultTable results={complete} />
          <div className="lesson__explanation" aria-label="Explanation">
            {explanation.sentences.map((s) => (
              <p key={s}>{s}</p>
            ))}
            <p className="muted">
              Training took {formatDuration(trainingSeconds)} here ({complete[0].backend ?? 'unknown backend'}).
            </p>
          </div>
        </section>
      )}
    </div>
  );
}

function ResultTable({ results }: { results: readonly ArmResult[] }) {
  const shifted = results.some((r) => r.shiftedTest);
  const last = (r: ArmResult) => r.epochs[r.epochs.length - 1];
  // Scrolls on its own on a narrow phone, so the page never scrolls sideways.
  return (
    <div className="lesson__table-wrap" tabIndex={0} role="region" aria-label="Runs compared">
      <table className="lesson__table">
        <caption className="visually-hidden">Each run's weights and accuracies</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Weights</th>
            <th scope="col">Training acc.</th>
            <th scope="col">Validation acc.</th>
            <th scope="col">Test acc.</th>
            {shifted && <th scope="col">Test, shifted</th>}
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <tr key={r.armId}>
              <th scope="row">{r.label}</th>
              <td>{count(r.params)}</td>
              <td>{last(r) ? pct(last(r).accuracy) : '–'}</td>
              <td>{last(r)?.valAccuracy != null ? pct(last(r).valAccuracy as number) : '–'}</td>
              <td>{r.test ? pct(r.test.accuracy) : '–'}</td>
              {shifted && <td>{r.shiftedTest ? pct(r.shiftedTest.accuracy) : '–'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ResultChart({ lesson, results }: { lesson: ExperimentLesson; results: readonly ArmResult[] }) {
  const instructor = useAppSelector((s) => s.ui.instructor);
  const chart = useRef<HTMLDivElement | null>(null);
  const chartRef = useCallback((el: HTMLDivElement | null) => {
    chart.current = el;
    if (!el) return undefined;
    return () => {
      chart.current = null;
      disposeLineChart(el);
    };
  }, []);
  const def = CURVE_DEFS[lesson.curve];
  const series = useMemo(() => def.series(results), [def, results]);
  useThrottledRender(
    () => {
      if (chart.current) void renderLineChart(chart.current, series, { xLabel: def.x, yLabel: def.y, height: instructor ? 220 : 240, yDomain: def.yDomain, integerX: true, fontSize: instructor ? PROJECTOR_FONT_SIZE : undefined });
    },
    [series, instructor],
    200,
  );
  return <div className="lesson__chart" ref={chartRef} />;
}
