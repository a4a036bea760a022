/** Instructor mode in the address (?instructor=1): read at start, written back when it changes. */

export const INSTRUCTOR_PARAM = 'instructor';

/** True for ?instructor, ?instructor=1 / true / yes; false when absent or 0 / false / no. */
export function instructorFromSearch(search: string): boolean {
  const value = new URLSearchParams(search).get(INSTRUCTOR_PARAM);
  return value !== null && !['0', 'false', 'no', 'off'].includes(value.trim().toLowerCase());
}

/** `href` with the instructor flag set or removed (other parameters kept). */
export function withInstructor(href: string, on: boolean): string {
  const url = new URL(href);
  if (on) url.searchParams.set(INSTRUCTOR_PARAM, '1');
  else url.searchParams.delete(INSTRUCTOR_PARAM);
  return url.toString();
}
