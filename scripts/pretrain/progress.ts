/**
 * The pretrain run's own checkpoint, written after every epoch so that `--resume` continues
 * an interrupted run exactly (same weights, optimizer state, data order, hence the same
 * result as an uninterrupted run). Kept under node_modules/.cache, never shipped; one file
 * per set of options, so another recipe never resumes from it.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Checkpoint } from '../../src/ml/training/checkpoint';
import type { PretrainRun } from './metadata';
import type { PretrainOptions } from './options';

export interface PretrainProgress {
  readonly options: PretrainOptions;
  readonly checkpoint: Checkpoint;
  readonly epochs: PretrainRun['epochs'];
  /** Wall-clock seconds spent so far, over every session of the run. */
  readonly trainingSeconds: number;
}

export function progressFile(root: string, options: PretrainOptions): string {
  const { outDir: _outDir, resume: _resume, metadataOnly: _metadataOnly, ...recipe } = options;
  void [_outDir, _resume, _metadataOnly];
  const key = createHash('sha256').update(JSON.stringify(recipe)).digest('hex').slice(0, 16);
  return join(root, 'node_modules/.cache/pretrain', `${key}.bin`);
}

export async function saveProgress(file: string, progress: PretrainProgress): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  // Write then rename, so a run killed mid-write keeps the previous epoch's checkpoint.
  await writeFile(`${file}.tmp`, serialize(progress));
  await rename(`${file}.tmp`, file);
}

export async function loadProgress(file: string): Promise<PretrainProgress | null> {
  if (!existsSync(file)) return null;
  return deserialize(await readFile(file)) as PretrainProgress;
}
