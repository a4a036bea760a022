/**
 * Reads the address once, strictly, and rewrites it to its canonical form before any other
 * code runs: src/entry.ts imports it, and loads the app (and with it TensorFlow.js) only
 * afterwards.
 *
 * Why: TensorFlow.js reads `location.search` the moment its core module is evaluated
 * (Environment constructor → populateURLFlags, again on env().reset()). It calls
 * decodeURIComponent on every part, so `?x=%` throws URIError and the page stays blank, and
 * it obeys `?tfjsflags=…`, so a link could switch off WebGL 2 or WASM threads. No tfjs
 * setting turns this off (the read happens at import time), so the only defence is that the
 * address it reads is one we wrote. In a Web Worker, `location` is the worker script's URL,
 * which the app builds itself, so nothing is needed there.
 *
 * The problems of the ORIGINAL address are kept (addressAtStart) so the page can still say
 * what it ignored; parsing the rewritten address would find none.
 */
import { canonicalSearch, parseUrlState, type ParsedUrlState } from '../address/urlState';

export interface AddressAtStart {
  /** `location.search` as the user opened it. */
  readonly originalSearch: string;
  /** Its meaning and problems (parseUrlState of the original). */
  readonly parsed: ParsedUrlState;
  /** Whether the address bar was rewritten. */
  readonly rewritten: boolean;
}

/** Parses `location.search` and replaces it by the canonical query (hash and path kept). */
export function sanitizeAddress(location: Location, history: History): AddressAtStart {
  const originalSearch = location.search;
  const parsed = parseUrlState(originalSearch);
  const canonical = canonicalSearch(parsed);
  const rewritten = canonical !== originalSearch;
  if (rewritten) history.replaceState(history.state, '', `${location.pathname}${canonical}${location.hash}`);
  return { originalSearch, parsed, rewritten };
}

/** The address as opened, read and rewritten once when this module is first imported. */
export const addressAtStart: AddressAtStart = sanitizeAddress(window.location, window.history);
