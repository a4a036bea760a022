/**
 * The whole setup in the address bar: run settings, the model and its recipe, and how the
 * page shows them, so a link reproduces it. Read by the strict parseQuery, then by the
 * parameter table (params.ts), which is the one place that decides what an address means
 * and how it is written. Never throws: every value that is not understood is reported and
 * replaced by its default.
 */
import type { RunConfig } from '../ml/config/runConfig';
import type { ModelSpec } from '../ml/model/spec';
import { ADDRESS_PARAMS, DEFAULT_ADDRESS_STATE, type AddressParam, type AddressState } from './params';
import { capProblems, describeParam, parseQuery } from './queryParser';

export { DECODER_CHOICES, type DecoderChoice, type ViewOptions } from './params';

/** Every key the address may carry; anything else is reported (TensorFlow.js's `tfjsflags` included). */
export const URL_KEYS: readonly string[] = ADDRESS_PARAMS.map((param) => param.key);

export interface ParsedUrlState extends AddressState {
  /** Human-readable problems with the address, one per ignored part. */
  readonly problems: string[];
}

export function parseUrlState(search: string): ParsedUrlState {
  const query = parseQuery(search, URL_KEYS);
  const problems: string[] = [...query.problems];
  let state = DEFAULT_ADDRESS_STATE;
  for (const param of ADDRESS_PARAMS) {
    const raw = query.values.get(param.key);
    if (raw === undefined) continue;
    const next = param.parse(raw, state);
    if ('problem' in next) problems.push(`URL parameter ${describeParam(param.key, raw)} ignored: ${next.problem}`);
    else state = next;
  }
  return { ...state, problems: capProblems(problems) };
}

const searchOf = (state: AddressState, params: readonly AddressParam[]): string => {
  const query = new URLSearchParams();
  for (const param of params) {
    const value = param.write(state);
    if (value !== null) query.set(param.key, value);
  }
  const text = query.toString();
  return text ? `?${text}` : '';
};

/** Query string ('' or '?…') of the settings a link shares (run and model), only those that differ from the defaults. */
export function serializeUrlState(config: RunConfig, spec: ModelSpec): string {
  return searchOf({ ...DEFAULT_ADDRESS_STATE, config, spec }, ADDRESS_PARAMS.filter((param) => param.part !== 'page'));
}

/**
 * The address's meaning written back in its one canonical form: only accepted values, each
 * key once, every character correctly escaped. What a third party reading `location.search`
 * (TensorFlow.js reads its flags there) may safely see, and what the store writes back as the
 * settings change.
 */
export function canonicalSearch(state: AddressState): string {
  return searchOf(state, ADDRESS_PARAMS);
}

export type { AddressState };
