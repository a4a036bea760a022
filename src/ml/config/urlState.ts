/**
 * The whole setup in the address bar: run settings (runConfig.ts) plus the model and its
 * recipe (modelSpecParams.ts), so a link reproduces it. Never throws: every value that is
 * not understood is reported and replaced by its default.
 */
import type { ModelSpec } from '../model/spec';
import { parseModelSpecParams, serializeModelSpecParams } from './modelSpecParams';
import { parseRunConfig, serializeRunConfig, type ParsedRunConfig, type RunConfig } from './runConfig';

export interface ParsedUrlState extends ParsedRunConfig {
  readonly spec: ModelSpec;
}

export function parseUrlState(search: string): ParsedUrlState {
  const run = parseRunConfig(search);
  const model = parseModelSpecParams(new URLSearchParams(search));
  return { config: run.config, spec: model.spec, problems: [...run.problems, ...model.problems] };
}

/** Query string ('' or '?…') with only the values that differ from the defaults. */
export function serializeUrlState(config: RunConfig, spec: ModelSpec): string {
  const params = new URLSearchParams(serializeRunConfig(config));
  for (const [key, value] of serializeModelSpecParams(spec)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
