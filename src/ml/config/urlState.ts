/**
 * The whole setup in the address bar: run settings (runConfig.ts) plus the model and its
 * recipe (modelSpecParams.ts), so a link reproduces it. Read by the strict parseQuery, so
 * this is the one place that decides what an address means. Never throws: every value that
 * is not understood is reported and replaced by its default.
 */
import type { ModelSpec } from '../model/spec';
import { MODEL_SPEC_KEYS, parseModelSpecParams, serializeModelSpecParams } from './modelSpecParams';
import { capProblems, describeParam, parseFlag, parseQuery } from './queryParser';
import { DEFAULT_VIEW, parseViewValue, VIEW_PARAM, type ViewId } from './viewParam';
import { RUN_CONFIG_KEYS, parseRunConfig, serializeRunConfig, type ParsedRunConfig, type RunConfig } from './runConfig';

/** How data sheets are decoded: 'pure' skips the canvas path (to compare, or when a browser alters pixels). */
export const DECODER_CHOICES = ['auto', 'pure'] as const;
export type DecoderChoice = (typeof DECODER_CHOICES)[number];

/** Address keys that are not settings of the run or the model, only of this page view. */
export const VIEW_KEYS = ['decoder', 'instructor', VIEW_PARAM] as const;

/** Every key the address may carry; anything else is reported (TensorFlow.js's `tfjsflags` included). */
export const URL_KEYS: readonly string[] = [...RUN_CONFIG_KEYS, ...MODEL_SPEC_KEYS, ...VIEW_KEYS];

export interface ViewOptions {
  readonly decoder: DecoderChoice;
  /** Instructor mode (?instructor=1); null when the address does not say. */
  readonly instructor: boolean | null;
  /** The view to open (?view=evaluate). */
  readonly page: ViewId;
}

export interface ParsedUrlState extends ParsedRunConfig {
  readonly spec: ModelSpec;
  readonly view: ViewOptions;
}

export function parseUrlState(search: string): ParsedUrlState {
  const query = parseQuery(search, URL_KEYS);
  const run = parseRunConfig(query.values);
  const model = parseModelSpecParams(query.values);
  const viewProblems: string[] = [];
  let decoder: DecoderChoice = 'auto';
  const rawDecoder = query.values.get('decoder');
  if (rawDecoder !== undefined) {
    if ((DECODER_CHOICES as readonly string[]).includes(rawDecoder)) decoder = rawDecoder as DecoderChoice;
    else viewProblems.push(`URL parameter ${describeParam('decoder', rawDecoder)} ignored: use one of ${DECODER_CHOICES.join(', ')}.`);
  }
  let instructor: boolean | null = null;
  const rawInstructor = query.values.get('instructor');
  if (rawInstructor !== undefined) {
    instructor = parseFlag(rawInstructor);
    if (instructor === null) viewProblems.push(`URL parameter ${describeParam('instructor', rawInstructor)} ignored: use 1 or 0.`);
  }
  const page = parseViewValue(query.values.get(VIEW_PARAM), (value) => describeParam(VIEW_PARAM, value));
  if (page.problem) viewProblems.push(page.problem);
  return {
    config: run.config,
    spec: model.spec,
    view: { decoder, instructor, page: page.view },
    problems: capProblems([...query.problems, ...run.problems, ...model.problems, ...viewProblems]),
  };
}

/** Query string ('' or '?…') with only the values that differ from the defaults. */
export function serializeUrlState(config: RunConfig, spec: ModelSpec): string {
  const params = new URLSearchParams(serializeRunConfig(config));
  for (const [key, value] of serializeModelSpecParams(spec)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The address's meaning written back in its one canonical form: only accepted values, each
 * key once, every character correctly escaped. What a third party reading `location.search`
 * (TensorFlow.js reads its flags there) may safely see.
 */
export function canonicalSearch(parsed: Pick<ParsedUrlState, 'config' | 'spec' | 'view'>): string {
  const params = new URLSearchParams(serializeUrlState(parsed.config, parsed.spec));
  if (parsed.view.decoder !== 'auto') params.set('decoder', parsed.view.decoder);
  if (parsed.view.instructor !== null) params.set('instructor', parsed.view.instructor ? '1' : '0');
  if (parsed.view.page !== DEFAULT_VIEW) params.set(VIEW_PARAM, parsed.view.page);
  const text = params.toString();
  return text ? `?${text}` : '';
}
