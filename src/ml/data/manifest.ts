/**
 * public/data/manifest.json: what the data script wrote and the page expects.
 * Checked with a schema so a stale or hand-edited manifest fails with a clear message.
 */
import { z } from '../zod';
import { sheetSize } from './sprite';

/** Largest data file accepted (the real sheets are ~2.3 MB): a manifest claiming more is damaged, and trusting it would allocate that much. */
export const MAX_FILE_BYTES = 64 * 2 ** 20;
/** Most images a split may hold (Fashion-MNIST: 60,000 and 10,000). */
export const MAX_SPLIT_IMAGES = 100_000;

const REGENERATE = 'The manifest is damaged or not made for this page: run "npm run data".';

const fileEntry = z.object({
  file: z.string().min(1),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const sheetEntry = fileEntry.extend({
  /** Index of this sheet's first image within the split. */
  first: z.number().int().nonnegative(),
  count: z.number().int().positive(),
  columns: z.number().int().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** FNV-1a of the unpacked images (count*784 bytes): the decoded pixels must match it. */
  pixelHash: z.string().regex(/^[0-9a-f]{8}$/),
});

const splitEntry = z.object({
  count: z.number().int().positive(),
  labels: fileEntry,
  sheets: z.array(sheetEntry).min(1),
});

export const manifestSchema = z.object({
  version: z.literal(1),
  dataset: z.string(),
  imageSize: z.literal(28),
  classNames: z.array(z.string()).length(10),
  license: z.string(),
  splits: z.object({ train: splitEntry, test: splitEntry }),
});

export type DataManifest = z.infer<typeof manifestSchema>;
export type SplitManifest = DataManifest['splits']['train'];
export type SheetManifest = SplitManifest['sheets'][number];
export type FileManifest = z.infer<typeof fileEntry>;
export type SplitName = keyof DataManifest['splits'];

/** Parses and cross-checks a manifest; throws an Error whose message says what is wrong. */
export function parseManifest(json: unknown): DataManifest {
  const result = manifestSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`manifest.json is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const manifest = result.data;
  for (const name of ['train', 'test'] as const) {
    const split = manifest.splits[name];
    checkSizes(name, split);
    let next = 0;
    for (const sheet of split.sheets) {
      if (sheet.first !== next) throw new Error(`manifest.json: ${name} sheet ${sheet.file} starts at ${sheet.first}, expected ${next}`);
      next += sheet.count;
    }
    if (next !== split.count) throw new Error(`manifest.json: ${name} sheets hold ${next} images, split count is ${split.count}`);
    if (split.labels.bytes !== split.count) throw new Error(`manifest.json: ${name} labels must be one byte per image`);
  }
  return manifest;
}

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;

/** Refuses sizes no real dataset file has, before anything is allocated for them. */
function checkSizes(name: SplitName, split: SplitManifest): void {
  if (split.count > MAX_SPLIT_IMAGES) {
    throw new Error(`manifest.json claims ${split.count.toLocaleString('en')} ${name} images; this page accepts at most ${MAX_SPLIT_IMAGES.toLocaleString('en')}. ${REGENERATE}`);
  }
  for (const entry of [split.labels, ...split.sheets]) {
    if (entry.bytes > MAX_FILE_BYTES) {
      throw new Error(`manifest.json claims ${entry.file} is ${megabytes(entry.bytes)}; a data file may be at most ${megabytes(MAX_FILE_BYTES)}. ${REGENERATE}`);
    }
  }
  for (const sheet of split.sheets) {
    const expected = sheetSize(sheet);
    if (sheet.width !== expected.width || sheet.height !== expected.height) {
      throw new Error(`manifest.json: ${sheet.file} is ${sheet.width}×${sheet.height} pixels, but ${sheet.count} images in ${sheet.columns} columns make ${expected.width}×${expected.height}. ${REGENERATE}`);
    }
  }
}
