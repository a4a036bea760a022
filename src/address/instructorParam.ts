/** Instructor mode in the address (?instructor=1): read at start, written back when it changes. */

import { parseFlag, parseQuery } from './queryParser';

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
