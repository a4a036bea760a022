/**
 * The address's one parameter table: every key the address may carry, with its type, its
 * default, how a value is read into the setup and how the setup is written back. Parsing
 * (urlState.parseUrlState), the canonical address (canonicalSearch) and the store's mirror of
 * the settings in the address bar all run through it, so a new setting is one row here.
 *
 * A row's default is where `write` returns null (left out of the address). The model rows are
 * relative to the preset: preset (or layers) first, then only what differs from that preset.
 */
import { BACKEND_CHOICES, checkNumeric, DEFAULT_RUN_CONFIG, EARLY_STOPPING_CHOICES, NUMERIC_LIMITS, type RunConfig } from '../ml/config/runConfig';
import { decodeLayers, encodeLayers } from '../ml/config/layerCodec';
import { analyzeModel, listProblems } from '../ml/model/analyze';
import { PRESET_IDS, presetById, presetWithLayers, type PresetId } from '../ml/model/presets';
import { checkRecipeNumber, type RecipeNumber } from '../ml/model/recipeChecks';
import { OPTIMIZERS, SIMPLE_CNN, type ModelSpec } from '../ml/model/spec';
import { SCHEDULES } from '../ml/training/schedules';
import { INPUT_SCALINGS } from '../ml/data/inputScaling';
import { parseDecimal, parseFlag } from './queryParser';
import { DEFAULT_VIEW, parseViewValue, type ViewId } from './viewParam';

/** How data sheets are decoded: 'pure' skips the canvas path (to compare, or when a browser alters pixels). */
export const DECODER_CHOICES = ['auto', 'pure'] as const;
export type DecoderChoice = (typeof DECODER_CHOICES)[number];

export interface ViewOptions {
  readonly decoder: DecoderChoice;
  /** Instructor mode (?instructor=1); null when the address does not say. */
  readonly instructor: boolean | null;
  /** The view to open (?view=evaluate). */
  readonly page: ViewId;
}

/** Everything the address says: the run's settings, the model and its recipe, and how the page shows them. */
export interface AddressState {
  readonly config: RunConfig;
  readonly spec: ModelSpec;
  readonly view: ViewOptions;
}

export const DEFAULT_ADDRESS_STATE: AddressState = { config: DEFAULT_RUN_CONFIG, spec: SIMPLE_CNN, view: { decoder: 'auto', instructor: null, page: DEFAULT_VIEW } };

export interface AddressParam {
  readonly key: string;
  /** What the value is, for the reader of this table. */
  readonly type: 'number' | 'flag' | 'choice' | 'layers' | 'view';
  /** Which part of the setup it belongs to: run and model are the settings a link shares. */
  readonly part: 'run' | 'model' | 'page';
  /** The state with `raw` applied, or why `raw` is ignored (the sentence after "ignored: "). */
  readonly parse: (raw: string, state: AddressState) => AddressState | { readonly problem: string };
  /** The value to write, or null when it is the default (left out). */
  readonly write: (state: AddressState) => string | null;
}

const withConfig = <K extends keyof RunConfig>(state: AddressState, key: K, value: RunConfig[K]): AddressState => ({ ...state, config: { ...state.config, [key]: value } });
const flagText = (on: boolean) => (on ? '1' : '0');
const choice = <T extends string>(choices: readonly T[], raw: string): T | null => ((choices as readonly string[]).includes(raw) ? (raw as T) : null);
const oneOfProblem = (choices: readonly string[]) => ({ problem: `use one of ${choices.join(', ')}.` });
const FLAG_PROBLEM = { problem: 'use 1 or 0.' };

// ── Run settings (RunConfig, written when they differ from DEFAULT_RUN_CONFIG) ──

function runNumber(key: keyof typeof NUMERIC_LIMITS): AddressParam {
  return {
    key,
    type: 'number',
    part: 'run',
    parse: (raw, state) => {
      const value = parseDecimal(raw);
      const problem = checkNumeric(key, value);
      return problem ? { problem } : withConfig(state, key, value);
    },
    write: ({ config }) => (config[key] === DEFAULT_RUN_CONFIG[key] ? null : String(config[key])),
  };
}

function runFlag(key: 'autostart' | 'restoreBestWeights'): AddressParam {
  return {
    key,
    type: 'flag',
    part: 'run',
    parse: (raw, state) => {
      const on = parseFlag(raw);
      return on === null ? FLAG_PROBLEM : withConfig(state, key, on);
    },
    write: ({ config }) => (config[key] === DEFAULT_RUN_CONFIG[key] ? null : flagText(config[key])),
  };
}

function runChoice<K extends 'backend' | 'earlyStopping'>(key: K, choices: readonly RunConfig[K][]): AddressParam {
  return {
    key,
    type: 'choice',
    part: 'run',
    parse: (raw, state) => {
      const value = choice(choices, raw);
      return value === null ? oneOfProblem(choices) : withConfig(state, key, value);
    },
    write: ({ config }) => (config[key] === DEFAULT_RUN_CONFIG[key] ? null : config[key]),
  };
}

/** One row per RunConfig field, in its order (the canonical address keeps it). */
const RUN_PARAMS: Record<keyof RunConfig, AddressParam> = {
  trainSize: runNumber('trainSize'),
  testSize: runNumber('testSize'),
  epochs: runNumber('epochs'),
  batchSize: runNumber('batchSize'),
  validationSplit: runNumber('validationSplit'),
  backend: runChoice('backend', BACKEND_CHOICES),
  autostart: runFlag('autostart'),
  seed: runNumber('seed'),
  earlyStopping: runChoice('earlyStopping', EARLY_STOPPING_CHOICES),
  patience: runNumber('patience'),
  restoreBestWeights: runFlag('restoreBestWeights'),
};

// ── The model and its recipe (written when they differ from the preset's) ──

/** The preset the spec's layers are, if any; its spec is what the other model rows compare with. */
const presetOf = (spec: ModelSpec) => presetWithLayers(spec.layers);
const baseOf = (spec: ModelSpec): ModelSpec => presetOf(spec)?.spec ?? SIMPLE_CNN;
const withSpec = (state: AddressState, spec: ModelSpec): AddressState => ({ ...state, spec });

function recipeNumber(key: string, field: RecipeNumber): AddressParam {
  const augmenting = field === 'shift' || field === 'erase';
  const read = (spec: ModelSpec) => (augmenting ? spec.augmentation[field] : spec[field]);
  return {
    key,
    type: 'number',
    part: 'model',
    parse: (raw, state) => {
      const value = parseDecimal(raw);
      const problem = checkRecipeNumber(field, value);
      if (problem) return { problem };
      const { spec } = state;
      return withSpec(state, augmenting ? { ...spec, augmentation: { ...spec.augmentation, [field]: value } } : { ...spec, [field]: value });
    },
    write: ({ spec }) => (read(spec) === read(baseOf(spec)) ? null : String(read(spec))),
  };
}

const MODEL_PARAMS: readonly AddressParam[] = [
  {
    key: 'preset',
    type: 'choice',
    part: 'model',
    parse: (raw, state) => {
      const id = choice(PRESET_IDS, raw);
      return id === null ? oneOfProblem(PRESET_IDS) : withSpec(state, presetById(id as PresetId).spec);
    },
    write: ({ spec }) => {
      const preset = presetOf(spec);
      return preset && preset.id !== 'simple' ? preset.id : null;
    },
  },
  {
    key: 'layers',
    type: 'layers',
    part: 'model',
    parse: (raw, state) => {
      const decoded = decodeLayers(raw);
      if ('error' in decoded) return { problem: decoded.error };
      const analysis = analyzeModel(decoded);
      if (!analysis.valid) return { problem: `this network cannot be built. ${listProblems(analysis).join(' ')}` };
      return withSpec(state, { ...state.spec, layers: decoded.layers });
    },
    write: ({ spec }) => (presetOf(spec) ? null : encodeLayers(spec.layers)),
  },
  {
    key: 'optimizer',
    type: 'choice',
    part: 'model',
    parse: (raw, state) => {
      const optimizer = choice(OPTIMIZERS, raw);
      return optimizer === null ? oneOfProblem(OPTIMIZERS) : withSpec(state, { ...state.spec, optimizer });
    },
    write: ({ spec }) => (spec.optimizer === baseOf(spec).optimizer ? null : spec.optimizer),
  },
  {
    key: 'schedule',
    type: 'choice',
    part: 'model',
    parse: (raw, state) => {
      const schedule = choice(SCHEDULES, raw);
      return schedule === null ? oneOfProblem(SCHEDULES) : withSpec(state, { ...state.spec, schedule });
    },
    write: ({ spec }) => (spec.schedule === baseOf(spec).schedule ? null : spec.schedule),
  },
  recipeNumber('lr', 'learningRate'),
  recipeNumber('l2', 'l2'),
  recipeNumber('shift', 'shift'),
  recipeNumber('erase', 'erase'),
  {
    key: 'flip',
    type: 'flag',
    part: 'model',
    parse: (raw, state) => {
      const on = parseFlag(raw);
      return on === null ? FLAG_PROBLEM : withSpec(state, { ...state.spec, augmentation: { ...state.spec.augmentation, flip: on } });
    },
    write: ({ spec }) => (spec.augmentation.flip === baseOf(spec).augmentation.flip ? null : flagText(spec.augmentation.flip)),
  },
  {
    key: 'scaling',
    type: 'choice',
    part: 'model',
    parse: (raw, state) => {
      const inputScaling = choice(INPUT_SCALINGS, raw);
      return inputScaling === null ? oneOfProblem(INPUT_SCALINGS) : withSpec(state, { ...state.spec, inputScaling });
    },
    write: ({ spec }) => (spec.inputScaling === baseOf(spec).inputScaling ? null : spec.inputScaling),
  },
  recipeNumber('smooth', 'labelSmoothing'),
  recipeNumber('ema', 'weightAverage'),
  {
    key: 'tta',
    type: 'flag',
    part: 'model',
    parse: (raw, state) => {
      const on = parseFlag(raw);
      return on === null ? FLAG_PROBLEM : withSpec(state, { ...state.spec, flipTta: on });
    },
    write: ({ spec }) => (spec.flipTta === baseOf(spec).flipTta ? null : flagText(spec.flipTta)),
  },
];

// ── How this page shows it (not settings of the run: a shared link may carry them too) ──

const PAGE_PARAMS: readonly AddressParam[] = [
  {
    key: 'decoder',
    type: 'choice',
    part: 'page',
    parse: (raw, state) => {
      const decoder = choice(DECODER_CHOICES, raw);
      return decoder === null ? oneOfProblem(DECODER_CHOICES) : { ...state, view: { ...state.view, decoder } };
    },
    write: ({ view }) => (view.decoder === 'auto' ? null : view.decoder),
  },
  {
    key: 'instructor',
    type: 'flag',
    part: 'page',
    parse: (raw, state) => {
      const instructor = parseFlag(raw);
      return instructor === null ? FLAG_PROBLEM : { ...state, view: { ...state.view, instructor } };
    },
    write: ({ view }) => (view.instructor === null ? null : flagText(view.instructor)),
  },
  {
    key: 'view',
    type: 'view',
    part: 'page',
    parse: (raw, state) => {
      const { view, problem } = parseViewValue(raw);
      return problem ? { problem } : { ...state, view: { ...state.view, page: view } };
    },
    write: ({ view }) => (view.page === DEFAULT_VIEW ? null : view.page),
  },
];

/** The table, in the order values are applied and written (the preset before what differs from it). */
export const ADDRESS_PARAMS: readonly AddressParam[] = [...Object.values(RUN_PARAMS), ...MODEL_PARAMS, ...PAGE_PARAMS];
