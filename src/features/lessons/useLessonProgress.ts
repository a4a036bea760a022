import { useSyncExternalStore } from 'react';
import { lessonProgress, type LessonProgress } from './lessonProgress';

/** The lessons' progress kept in this browser, re-rendering on change. */
export function useLessonProgress(): LessonProgress {
  return useSyncExternalStore(lessonProgress.subscribe, lessonProgress.get, lessonProgress.get);
}
