/**
 * Command-line options of `npm run pretrain`, e.g.
 *   npm run pretrain -- --preset=modern --epochs=12 --batch-size=128 --seed=1
 *   npm run pretrain -- --resume          (continues an interrupted run of the same recipe)
 *   npm run pretrain -- --metadata-only   (metadata.json from the last finished epoch's run.json)
 * Every option has a default, so a bare `npm run pretrain` repeats the shipped model's recipe.
 */
import { parseArgs } from 'node:util';
import { PRESET_IDS, type PresetId } from '../../src/ml/model/presets';

export interface PretrainOptions {
  readonly preset: PresetId;
  readonly epochs: number;
  readonly seed: number;
  readonly batchSize: number;
  /** Examples of the 60,000 to train on (less only for a quick check of the script). */
  readonly trainSize: number;
  /** Augmentation overrides; null keeps the preset's own. */
  readonly shift: number | null;
  readonly flip: boolean | null;
  readonly erase: number | null;
  /** The learning rate decays (cosine, per epoch) from the preset's rate to rate × this. */
  readonly finalLearningRateFactor: number;
  readonly outDir: string;
  /** Continue from this recipe's last epoch checkpoint, if there is one. */
  readonly resume: boolean;
  /** Only (re)write metadata.json from the run.json in outDir, e.g. after an interrupted run. */
  readonly metadataOnly: boolean;
}

export const DEFAULT_OPTIONS: PretrainOptions = {
  preset: 'modern',
  epochs: 12,
  seed: 1,
  batchSize: 128,
  trainSize: 60000,
  shift: null,
  flip: null,
  erase: null,
  finalLearningRateFactor: 0.05,
  outDir: 'public/models/pretrained',
  resume: false,
  metadataOnly: false,
};

function number(name: string, text: string | undefined, fallback: number, check: (n: number) => boolean): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || !check(n)) throw new Error(`--${name}=${text} is not allowed.`);
  return n;
}

export function parseOptions(argv: readonly string[]): PretrainOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      preset: { type: 'string' },
      epochs: { type: 'string' },
      seed: { type: 'string' },
      'batch-size': { type: 'string' },
      'train-size': { type: 'string' },
      shift: { type: 'string' },
      flip: { type: 'string' },
      erase: { type: 'string' },
      'final-lr-factor': { type: 'string' },
      out: { type: 'string' },
      resume: { type: 'boolean' },
      'metadata-only': { type: 'boolean' },
    },
    strict: true,
  });
  const d = DEFAULT_OPTIONS;
  const preset = values.preset ?? d.preset;
  if (!(PRESET_IDS as readonly string[]).includes(preset)) throw new Error(`--preset must be one of ${PRESET_IDS.join(', ')}.`);
  const whole = (n: number) => Number.isInteger(n) && n >= 1;
  if (values.flip !== undefined && values.flip !== 'true' && values.flip !== 'false') throw new Error('--flip must be true or false.');
  return {
    preset: preset as PresetId,
    epochs: number('epochs', values.epochs, d.epochs, whole),
    seed: number('seed', values.seed, d.seed, whole),
    batchSize: number('batch-size', values['batch-size'], d.batchSize, whole),
    trainSize: number('train-size', values['train-size'], d.trainSize, (n) => whole(n) && n <= 60000),
    shift: values.shift === undefined ? d.shift : number('shift', values.shift, 0, (n) => Number.isInteger(n) && n >= 0 && n <= 6),
    flip: values.flip === undefined ? d.flip : values.flip === 'true',
    erase: values.erase === undefined ? d.erase : number('erase', values.erase, 0, (n) => n >= 0 && n <= 1),
    finalLearningRateFactor: number('final-lr-factor', values['final-lr-factor'], d.finalLearningRateFactor, (n) => n > 0 && n <= 1),
    outDir: values.out ?? d.outDir,
    resume: values.resume ?? false,
    metadataOnly: values['metadata-only'] ?? false,
  };
}
