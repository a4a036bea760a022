/**
 * Instructor mode: a projector-friendly layout with keyboard shortcuts, opened straight
 * from the address (?instructor=1) and switchable from the page. The flag lives here (not
 * in the app state) because it only changes the presentation.
 */
import { useSyncExternalStore } from 'react';
import { parseFlag, parseQuery } from '../../ml/config/queryParser';

export const INSTRUCTOR_PARAM = 'instructor';

/** True for ?instructor, ?instructor=1 / true; false when absent, 0 / false, or anything else (reported by parseUrlState). */
export function instructorFromSearch(search: string): boolean {
  const value = parseQuery(search).values.get(INSTRUCTOR_PARAM);
  return value !== undefined && parseFlag(value) === true;
}

/** `href` with the instructor flag set or removed (other parameters kept). */
export function withInstructor(href: string, on: boolean): string {
  const url = new URL(href);
  if (on) url.searchParams.set(INSTRUCTOR_PARAM, '1');
  else url.searchParams.delete(INSTRUCTOR_PARAM);
  return url.toString();
}

let enabled: boolean | null = null;
const listeners = new Set<() => void>();

function current(): boolean {
  if (enabled === null) enabled = typeof window !== 'undefined' && instructorFromSearch(window.location.search);
  return enabled;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Switches the mode and mirrors it to the address, so the URL can be shared or bookmarked. */
export function setInstructorMode(on: boolean): void {
  enabled = on;
  if (typeof window !== 'undefined') window.history.replaceState(null, '', withInstructor(window.location.href, on));
  for (const listener of listeners) listener();
}

export function useInstructorMode(): boolean {
  return useSyncExternalStore(subscribe, current);
}
