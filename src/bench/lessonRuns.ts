/**
 * The lessons' experiments as the benchmark measures them: each lesson's runs started through
 * the store (the engine's experiment command), as a student's click starts them, one lesson
 * after another; per lesson the training seconds of its arms and what its explanation said.
 */
import { LESSONS } from '../features/lessons/lessons';
import { completeResults, type ExperimentLesson } from '../features/lessons/lessonModel';
import type { AppStore } from '../state/store';

export interface LessonTiming {
  readonly lesson: number;
  readonly title: string;
  readonly arms: number;
  /** Training seconds of all arms (batches and validation), and from the click to the last result. */
  readonly trainSeconds: number;
  readonly wallSeconds: number;
  readonly pointHolds: boolean;
  readonly figures: Readonly<Record<string, number>>;
  readonly sentences: readonly string[];
  readonly error?: string;
}

function untilIdle(store: AppStore): Promise<void> {
  return new Promise((resolve) => {
    const done = () => store.getState().experiments.running === null && store.getState().experiments.requested === null;
    const off = store.subscribe(() => {
      if (done()) {
        off();
        resolve();
      }
    });
    if (done()) {
      off();
      resolve();
    }
  });
}

export async function measureLessonRuns(store: AppStore, only?: readonly number[]): Promise<LessonTiming[]> {
  const out: LessonTiming[] = [];
  const lessons = LESSONS.filter((l): l is ExperimentLesson => l.kind === 'experiment' && (!only || only.includes(l.number)));
  for (const lesson of lessons) {
    console.info(`[bench] lesson ${lesson.number}: ${lesson.title}`);
    store.clearExperiment(lesson.plan.id);
    const started = performance.now();
    store.runExperiment(lesson.plan);
    await untilIdle(store);
    const wallSeconds = (performance.now() - started) / 1000;
    const state = store.getState().experiments;
    const results = completeResults(lesson, state.results[lesson.plan.id]);
    const base = { lesson: lesson.number, title: lesson.title, arms: lesson.plan.arms.length, wallSeconds };
    if (!results) {
      out.push({ ...base, trainSeconds: NaN, pointHolds: false, figures: {}, sentences: [], error: state.problems[lesson.plan.id] ?? 'not every run finished' });
      continue;
    }
    const explanation = lesson.explain(state.results[lesson.plan.id]);
    out.push({ ...base, trainSeconds: results.reduce((s, r) => s + r.trainSeconds, 0), pointHolds: explanation.pointHolds, figures: explanation.figures, sentences: explanation.sentences });
  }
  return out;
}
