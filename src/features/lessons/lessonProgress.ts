/**
 * The student's progress through the lessons, kept in this browser (localStorage): the lesson
 * open, each "what do you expect?" answer, which results were revealed, which lessons are done
 * and the figures their explanations showed; and every finished experiment arm, restored into
 * the store at start so a reload loses nothing that finished.
 */
import type { ArmResult } from '../../ml/experiments/plan';
import type { AppStore } from '../../state/store';
import type { ExperimentResults } from '../../state/experiments';

export interface LessonProgress {
  readonly current: string | null;
  readonly expectations: Readonly<Record<string, string>>;
  readonly revealed: Readonly<Record<string, boolean>>;
  readonly completed: Readonly<Record<string, boolean>>;
}

const PROGRESS_KEY = 'fashion-cnn.lessons.progress.v1';
const RESULTS_KEY = 'fashion-cnn.lessons.results.v1';
const EMPTY: LessonProgress = { current: null, expectations: {}, revealed: {}, completed: {} };

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function read<T>(key: string, fallback: T): T {
  try {
    const text = storage()?.getItem(key);
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // A full or blocked store only means progress is not kept after a reload.
  }
}

/** A well-formed progress record from whatever was stored (anything else is dropped). */
function sanitize(value: unknown): LessonProgress {
  if (!value || typeof value !== 'object') return EMPTY;
  const v = value as Record<string, unknown>;
  const record = (x: unknown, type: 'string' | 'boolean') =>
    x && typeof x === 'object' ? Object.fromEntries(Object.entries(x as Record<string, unknown>).filter(([, item]) => typeof item === type)) : {};
  return {
    current: typeof v.current === 'string' ? v.current : null,
    expectations: record(v.expectations, 'string') as Record<string, string>,
    revealed: record(v.revealed, 'boolean') as Record<string, boolean>,
    completed: record(v.completed, 'boolean') as Record<string, boolean>,
  };
}

let progress: LessonProgress = sanitize(read(PROGRESS_KEY, null));
const listeners = new Set<() => void>();

export const lessonProgress = {
  get: (): LessonProgress => progress,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  update(change: (p: LessonProgress) => LessonProgress): void {
    progress = change(progress);
    write(PROGRESS_KEY, progress);
    listeners.forEach((l) => l());
  },
};

/** Restores the finished arms kept in this browser and keeps every new one there. */
export function keepExperimentResults(store: AppStore): () => void {
  const saved = read<ExperimentResults>(RESULTS_KEY, {});
  const valid: Record<string, Record<string, ArmResult>> = {};
  for (const [id, arms] of Object.entries(saved && typeof saved === 'object' ? saved : {})) {
    if (!arms || typeof arms !== 'object') continue;
    const good = Object.entries(arms).filter(([, r]) => r && typeof r === 'object' && typeof (r as ArmResult).armId === 'string' && Array.isArray((r as ArmResult).epochs));
    if (good.length) valid[id] = Object.fromEntries(good);
  }
  if (Object.keys(valid).length) store.restoreExperimentResults(valid);
  let last = store.getState().experiments.results;
  return store.subscribe(() => {
    const results = store.getState().experiments.results;
    if (results === last) return;
    last = results;
    write(RESULTS_KEY, results);
  });
}
