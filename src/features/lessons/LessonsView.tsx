import { useCallback, useEffect, useRef, useState } from 'react';
import { DEFAULT_RUN_CONFIG } from '../../ml/config/runConfig';
import { serializeUrlState } from '../../address/urlState';
import { useAppSelector } from '../../state/hooks';
import { ConfusionLessonBody } from './ConfusionLessonBody';
import { ExpectationPicker } from './ExpectationPicker';
import type { LessonActions } from './lessonActions';
import { ExperimentLessonBody } from './ExperimentLessonBody';
import { LESSON_KEYS, lessonCommandFor, type LessonCommand } from './lessonKeys';
import { completeResults, type Lesson } from './lessonModel';
import { lessonProgress } from './lessonProgress';
import { LESSONS, lessonById } from './lessons';
import { SoftmaxLessonBody } from './SoftmaxLessonBody';
import { useLessonProgress } from './useLessonProgress';
import './lessons.css';

/** The playground's address with a lesson's settings (opens in the Train view). */
function tryItHref(lesson: Lesson): string {
  const query = serializeUrlState({ ...DEFAULT_RUN_CONFIG, ...lesson.tryIt.config }, lesson.tryIt.spec);
  const path = typeof window === 'undefined' ? '/' : window.location.pathname;
  return `${path}${query}`;
}

/**
 * The lessons: the eight concept questions as experiments. One lesson at a time: the question,
 * "what do you expect?", one click that runs it, the result and an explanation from this run's
 * numbers. Keyboard (outside text fields): N/→ next, B/← back, E run, V reveal.
 */
export function LessonsView() {
  const progress = useLessonProgress();
  const instructor = useAppSelector((s) => s.ui.instructor);
  const lesson = lessonById(progress.current) ?? LESSONS[0];
  const index = LESSONS.indexOf(lesson);
  const results = useAppSelector((s) => s.experiments.results);
  const [modelResult, setModelResult] = useState<Record<string, boolean>>({});
  const actions = useRef<LessonActions | null>(null);
  const [message, setMessage] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  const hasResult = lesson.kind === 'experiment' ? completeResults(lesson, results[lesson.plan.id]) !== null : modelResult[lesson.id] === true;
  // A student sees the result as soon as it is in; an instructor reveals it (V) when the class is ready.
  const revealed = progress.revealed[lesson.id] === true;
  const shown = hasResult && (revealed || !instructor);
  const expectation = progress.expectations[lesson.id] ?? null;

  // A result that appears (revealed, or just in) is brought on screen: on a projector it starts below the fold.
  const wasShown = useRef({ id: lesson.id, shown });
  useEffect(() => {
    const before = wasShown.current;
    wasShown.current = { id: lesson.id, shown };
    if (shown && before.id === lesson.id && !before.shown) document.querySelector('.lesson__result')?.scrollIntoView({ block: 'start' });
  }, [shown, lesson.id]);

  useEffect(() => {
    if (shown && !progress.completed[lesson.id]) lessonProgress.update((p) => ({ ...p, completed: { ...p.completed, [lesson.id]: true } }));
  }, [shown, lesson.id, progress.completed]);

  const go = useCallback((to: number) => {
    const next = LESSONS[Math.max(0, Math.min(LESSONS.length - 1, to))];
    lessonProgress.update((p) => ({ ...p, current: next.id }));
    heading.current?.focus({ preventScroll: false });
  }, []);
  const reveal = useCallback(() => lessonProgress.update((p) => ({ ...p, revealed: { ...p.revealed, [lesson.id]: true } })), [lesson.id]);
  const register = useCallback((a: LessonActions) => {
    actions.current = a;
  }, []);
  const lessonId = lesson.id;
  const onModelResult = useCallback((ready: boolean) => setModelResult((r) => (r[lessonId] === ready ? r : { ...r, [lessonId]: ready })), [lessonId, setModelResult]);

  useEffect(() => {
    const run: Record<LessonCommand, () => string> = {
      next: () => (index < LESSONS.length - 1 ? (go(index + 1), `Lesson ${index + 2}.`) : 'This is the last lesson.'),
      back: () => (index > 0 ? (go(index - 1), `Lesson ${index}.`) : 'This is the first lesson.'),
      run: () => (actions.current?.run(), 'Run asked for.'),
      reveal: () => (reveal(), hasResult ? 'Result revealed.' : 'The result shows as soon as it is in.'),
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const command = lessonCommandFor(event);
      if (!command) return;
      event.preventDefault();
      setMessage(`${LESSON_KEYS.find((k) => k.command === command)?.display.split(' ')[0]}: ${run[command]()}`);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [index, go, reveal, hasResult]);

  const done = LESSONS.filter((l) => progress.completed[l.id]).length;
  const bodyProps = { shown, canRunWithoutExpectation: instructor, expectation, register };

  return (
    <div className="lessons">
      <nav className="lessons__nav panel" aria-label="Lessons">
        <h2 className="lessons__nav-title">Lessons</h2>
        <p className="muted">
          {done} of {LESSONS.length} done
        </p>
        <ol>
          {LESSONS.map((l, i) => (
            <li key={l.id}>
              <button type="button" className="link-button" aria-current={l.id === lesson.id ? 'step' : undefined} onClick={() => go(i)}>
                <span className="lessons__mark" aria-hidden="true">
                  {progress.completed[l.id] ? '✓' : l.number}
                </span>
                <span className="lessons__title">{l.title}</span>
                {progress.completed[l.id] && <span className="visually-hidden"> (done)</span>}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <section className="panel lesson" aria-labelledby="lesson-title">
        <p className="lesson__number muted">
          Lesson {lesson.number} · {index + 1} of {LESSONS.length}
        </p>
        <h2 id="lesson-title" ref={heading} tabIndex={-1}>
          {lesson.title}
        </h2>
        <p className="lesson__question">{lesson.question}</p>
        <ExpectationPicker lesson={lesson} locked={shown} />
        {lesson.kind === 'experiment' ? (
          <ExperimentLessonBody key={lesson.id} lesson={lesson} {...bodyProps} />
        ) : lesson.tool === 'confusion' ? (
          <ConfusionLessonBody key={lesson.id} lesson={lesson} {...bodyProps} onResult={onModelResult} />
        ) : (
          <SoftmaxLessonBody key={lesson.id} lesson={lesson} {...bodyProps} onResult={onModelResult} />
        )}
        <div className="lesson__footer">
          {hasResult && !shown && (
            <button type="button" onClick={reveal} aria-keyshortcuts="V">
              Reveal
            </button>
          )}
          <a href={tryItHref(lesson)}>Try it yourself in the playground</a>
          <span className="lesson__steps">
            <button type="button" onClick={() => go(index - 1)} disabled={index === 0} aria-keyshortcuts="B">
              ← Back
            </button>
            <button type="button" onClick={() => go(index + 1)} disabled={index === LESSONS.length - 1} aria-keyshortcuts="N">
              Next →
            </button>
          </span>
        </div>
        <p className="lesson__keys muted">
          Keys: {LESSON_KEYS.map((k) => `${k.display} ${k.label.toLowerCase()}`).join(' · ')}
        </p>
        <p className="visually-hidden" role="status">
          {message}
        </p>
      </section>
    </div>
  );
}
