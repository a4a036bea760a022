/**
 * The one strict reader of the address's query string. Never throws, whatever the input
 * (malformed %-escapes, thousands of repeated keys, megabytes of text): every part it
 * cannot accept becomes a short, human-readable problem and is left out.
 *
 * Why not URLSearchParams: it silently keeps malformed escapes as text, keeps repeated keys
 * without a word, and the per-key meaning (decimal numbers, 1/0 flags) is ours to define.
 */

/** Longest value accepted; the longest real one (a deep custom `layers` list) is a few hundred characters. */
export const MAX_VALUE_LENGTH = 2000;
/** Values and keys quoted in messages are cut to this many characters. */
export const QUOTE_LENGTH = 40;
/** At most this many problems are listed; the rest are counted in one final line. */
export const MAX_PROBLEMS = 8;

/** Accepted parameters by key (first and only occurrence, decoded). */
export type QueryValues = ReadonlyMap<string, string>;

export interface ParsedQuery {
  readonly values: QueryValues;
  readonly problems: string[];
}

/** `text` cut to `max` characters with an ellipsis and the full length, for messages. */
export function shorten(text: string, max = QUOTE_LENGTH): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length.toLocaleString('en')} characters)`;
}

/** `key="value"` as shown in messages: quoted, shortened, control characters escaped. */
export function describeParam(key: string, value: string): string {
  return `${shorten(key)}=${JSON.stringify(shorten(value))}`;
}

/** decodeURIComponent for form-encoded text ('+' is a space), or null when an escape is malformed. */
function decodePart(part: string): string | null {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * Splits `search` ('' or '?a=1&b=2') into its parameters. With `knownKeys`, any other key is
 * a problem (TensorFlow.js's own `tfjsflags` included). Repeated keys are ambiguous: all
 * their values are ignored and the key is reported once.
 */
export function parseQuery(search: string, knownKeys?: readonly string[]): ParsedQuery {
  const problems: string[] = [];
  const text = search.startsWith('?') ? search.slice(1) : search;
  const counts = new Map<string, number>();
  const firstValues = new Map<string, string>();
  const known = knownKeys ? new Set(knownKeys) : null;
  const unknown = new Set<string>();
  let malformed = 0;
  let position = 0;
  for (const part of text.split('&')) {
    position++;
    if (part === '') continue;
    const equals = part.indexOf('=');
    const rawKey = equals === -1 ? part : part.slice(0, equals);
    const rawValue = equals === -1 ? '' : part.slice(equals + 1);
    const key = decodePart(rawKey);
    const value = decodePart(rawValue);
    if (key === null || value === null) {
      // Bounded so that a flood of bad escapes still gives a short list.
      if (malformed++ < MAX_PROBLEMS) problems.push(`URL part ${position} "${shorten(part)}" ignored: it has a malformed %-escape (write % as %25).`);
      continue;
    }
    if (known && !known.has(key)) {
      if (!unknown.has(key) && unknown.size < MAX_PROBLEMS) {
        const why = key === 'tfjsflags' ? 'TensorFlow.js settings cannot be changed from the address.' : 'this page does not know it.';
        problems.push(`URL parameter ${describeParam(key, value)} ignored: ${why}`);
      }
      unknown.add(key);
      continue;
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (!firstValues.has(key)) firstValues.set(key, value);
  }
  if (malformed > MAX_PROBLEMS) problems.push(`${(malformed - MAX_PROBLEMS).toLocaleString('en')} more URL parts with malformed %-escapes ignored.`);
  if (unknown.size > MAX_PROBLEMS) problems.push(`${(unknown.size - MAX_PROBLEMS).toLocaleString('en')} more unknown URL parameters ignored.`);
  const values = new Map<string, string>();
  for (const [key, value] of firstValues) {
    const count = counts.get(key) ?? 0;
    if (count > 1) problems.push(`URL parameter ${shorten(key)} ignored: it is given ${count.toLocaleString('en')} times, so its meaning is unclear.`);
    else if (value.length > MAX_VALUE_LENGTH) problems.push(`URL parameter ${describeParam(key, value)} ignored: longer than ${MAX_VALUE_LENGTH.toLocaleString('en')} characters.`);
    else values.set(key, value);
  }
  return { values, problems };
}

// Plain decimal notation only: no hex (0x10), binary, octal, Infinity, blanks or empty text.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number written in plain decimal notation (exponent allowed), or NaN for anything else. */
export function parseDecimal(raw: string): number {
  return DECIMAL.test(raw) ? Number(raw) : NaN;
}

/**
 * An on/off flag: 1/true or 0/false (any case); an empty value (`?autostart`) means on,
 * as the address bar's shortest form. Null for anything else.
 */
export function parseFlag(raw: string): boolean | null {
  const value = raw.toLowerCase();
  if (value === '1' || value === 'true' || value === '') return true;
  if (value === '0' || value === 'false') return false;
  return null;
}

/** Keeps the first `MAX_PROBLEMS` problems and counts the rest, so a notice stays short. */
export function capProblems(problems: readonly string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return [...problems];
  return [...problems.slice(0, MAX_PROBLEMS), `… and ${(problems.length - MAX_PROBLEMS).toLocaleString('en')} more problems with the URL.`];
}
