/**
 * The model and its recipe in the URL: preset=<id> (or layers=<compact list> for a custom
 * architecture), then only what differs from that preset: optimizer, lr, schedule, l2,
 * shift, flip, erase. Bad values are reported and replaced by the preset's, never thrown.
 */
import { z } from '../zod';
import { analyzeModel, listProblems } from '../model/analyze';
import { PRESET_IDS, presetById, presetWithLayers, type PresetId } from '../model/presets';
import { OPTIMIZERS, RECIPE_LIMITS, SIMPLE_CNN, type ModelSpec, type OptimizerName } from '../model/spec';
import { SCHEDULES, type ScheduleName } from '../training/schedules';
import { decodeLayers, encodeLayers } from './layerCodec';
import { describeParam, parseDecimal, parseFlag, type QueryValues } from './queryParser';

export type RecipeNumber = keyof typeof RECIPE_LIMITS;

const recipeSchemas: Record<RecipeNumber, z.ZodNumber> = {
  learningRate: z.number().min(RECIPE_LIMITS.learningRate.min).max(RECIPE_LIMITS.learningRate.max),
  l2: z.number().min(RECIPE_LIMITS.l2.min).max(RECIPE_LIMITS.l2.max),
  shift: z.number().int().min(RECIPE_LIMITS.shift.min).max(RECIPE_LIMITS.shift.max),
  erase: z.number().min(RECIPE_LIMITS.erase.min).max(RECIPE_LIMITS.erase.max),
};

/** Why a recipe number is not acceptable, or null if it is. */
export function checkRecipeNumber(key: RecipeNumber, value: number): string | null {
  const { min, max, label } = RECIPE_LIMITS[key];
  if (!Number.isFinite(value)) return `${label} must be a number.`;
  if (recipeSchemas[key].safeParse(value).success) return null;
  if (key === 'shift' && !Number.isInteger(value)) return `${label} must be a whole number.`;
  return `${label} must be between ${min} and ${max}.`;
}

/** URL key of each recipe setting. */
const NUMBER_PARAMS: Record<RecipeNumber, string> = { learningRate: 'lr', l2: 'l2', shift: 'shift', erase: 'erase' };

function readNumber(spec: ModelSpec, key: RecipeNumber): number {
  return key === 'learningRate' || key === 'l2' ? spec[key] : spec.augmentation[key];
}

function withNumber(spec: ModelSpec, key: RecipeNumber, value: number): ModelSpec {
  if (key === 'learningRate' || key === 'l2') return { ...spec, [key]: value };
  return { ...spec, augmentation: { ...spec.augmentation, [key]: value } };
}

export interface ParsedModelSpec {
  readonly spec: ModelSpec;
  readonly problems: string[];
}

/** URL keys of the model and its recipe. */
export const MODEL_SPEC_KEYS = ['preset', 'layers', 'optimizer', 'schedule', ...Object.values(NUMBER_PARAMS), 'flip'] as const;

/** The model from values read by parseQuery (which reports the query's own problems). */
export function parseModelSpecParams(params: QueryValues): ParsedModelSpec {
  const problems: string[] = [];
  const ignored = (key: string, raw: string, why: string) => problems.push(`URL parameter ${describeParam(key, raw)} ignored: ${why}`);
  let spec = SIMPLE_CNN;
  const preset = params.get('preset');
  if (preset !== undefined) {
    if ((PRESET_IDS as readonly string[]).includes(preset)) spec = presetById(preset as PresetId).spec;
    else ignored('preset', preset, `use one of ${PRESET_IDS.join(', ')}.`);
  }
  const layers = params.get('layers');
  if (layers !== undefined) {
    const decoded = decodeLayers(layers);
    if ('error' in decoded) ignored('layers', layers, decoded.error);
    else {
      const analysis = analyzeModel(decoded);
      if (analysis.valid) spec = { ...spec, layers: decoded.layers };
      else ignored('layers', layers, `this network cannot be built. ${listProblems(analysis).join(' ')}`);
    }
  }
  const optimizer = params.get('optimizer');
  if (optimizer !== undefined) {
    if ((OPTIMIZERS as readonly string[]).includes(optimizer)) spec = { ...spec, optimizer: optimizer as OptimizerName };
    else ignored('optimizer', optimizer, `use one of ${OPTIMIZERS.join(', ')}.`);
  }
  const schedule = params.get('schedule');
  if (schedule !== undefined) {
    if ((SCHEDULES as readonly string[]).includes(schedule)) spec = { ...spec, schedule: schedule as ScheduleName };
    else ignored('schedule', schedule, `use one of ${SCHEDULES.join(', ')}.`);
  }
  for (const [key, param] of Object.entries(NUMBER_PARAMS) as [RecipeNumber, string][]) {
    const raw = params.get(param);
    if (raw === undefined) continue;
    const value = parseDecimal(raw);
    const problem = checkRecipeNumber(key, value);
    if (problem) ignored(param, raw, problem);
    else spec = withNumber(spec, key, value);
  }
  const flip = params.get('flip');
  if (flip !== undefined) {
    const on = parseFlag(flip);
    if (on !== null) spec = { ...spec, augmentation: { ...spec.augmentation, flip: on } };
    else ignored('flip', flip, 'use 1 or 0.');
  }
  return { spec, problems };
}

/** [key, value] pairs: the preset (or layers) and the settings that differ from it. */
export function serializeModelSpecParams(spec: ModelSpec): [string, string][] {
  const preset = presetWithLayers(spec.layers);
  const base = preset?.spec ?? SIMPLE_CNN;
  const out: [string, string][] = [];
  if (!preset) out.push(['layers', encodeLayers(spec.layers)]);
  else if (preset.id !== 'simple') out.push(['preset', preset.id]);
  if (spec.optimizer !== base.optimizer) out.push(['optimizer', spec.optimizer]);
  if (spec.schedule !== base.schedule) out.push(['schedule', spec.schedule]);
  for (const [key, param] of Object.entries(NUMBER_PARAMS) as [RecipeNumber, string][]) {
    if (readNumber(spec, key) !== readNumber(base, key)) out.push([param, String(readNumber(spec, key))]);
  }
  if (spec.augmentation.flip !== base.augmentation.flip) out.push(['flip', spec.augmentation.flip ? '1' : '0']);
  return out;
}
