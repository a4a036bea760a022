/** The pretrain run's facts (run.json) -> the shipped model's metadata.json, checked by the app's schema. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelSpec } from '../../src/ml/model/spec';
import { MODEL_FORMAT_VERSION, parseModelMetadata, type ModelMetadata } from '../../src/ml/models/metadata';
import type { EpochEvent } from '../../src/ml/training/trainer';
import type { PretrainOptions } from './options';

export interface PretrainRun {
  readonly options: PretrainOptions;
  readonly spec: ModelSpec;
  readonly parameterCount: number;
  readonly tfjsVersion: string;
  readonly backend: string;
  readonly dataSha256: Record<string, string>;
  readonly machine: { cores: number; cpuModel: string; os: string; node: string };
  /** Wall-clock seconds from the first batch to the end, including each epoch's test scoring. */
  readonly trainingSeconds: number;
  readonly epochs: readonly (EpochEvent & { learningRate: number; testAccuracy: number; testLoss: number })[];
  readonly finishedAt: string;
  readonly complete: boolean;
}

export function commandFor(options: PretrainOptions): string {
  const o = options;
  const parts = [`--preset=${o.preset}`, `--epochs=${o.epochs}`, `--seed=${o.seed}`, `--batch-size=${o.batchSize}`, `--train-size=${o.trainSize}`];
  if (o.shift !== null) parts.push(`--shift=${o.shift}`);
  if (o.flip !== null) parts.push(`--flip=${o.flip}`);
  if (o.erase !== null) parts.push(`--erase=${o.erase}`);
  parts.push(`--final-lr-factor=${o.finalLearningRateFactor}`);
  return `npm run pretrain -- ${parts.join(' ')}`;
}

export function metadataFromRun(run: PretrainRun): ModelMetadata {
  const last = run.epochs.at(-1);
  return parseModelMetadata({
    formatVersion: MODEL_FORMAT_VERSION,
    name: 'Pretrained',
    createdAt: run.finishedAt,
    source: 'pretrained',
    spec: run.spec,
    epochsTrained: run.epochs.length,
    testAccuracy: last ? { accuracy: last.testAccuracy, count: 10000 } : null,
    parameterCount: run.parameterCount,
    history: {
      epochs: run.epochs.map((e) => ({
        epoch: e.epoch,
        loss: e.loss,
        accuracy: e.accuracy,
        valLoss: e.valLoss,
        valAccuracy: e.valAccuracy,
        seconds: e.seconds,
        learningRate: e.learningRate,
        testLoss: e.testLoss,
        testAccuracy: e.testAccuracy,
      })),
    },
    training: {
      seed: run.options.seed,
      batchSize: run.options.batchSize,
      trainSize: run.options.trainSize,
      validationSplit: 0,
      learningRateSchedule: `cosine per epoch from ${run.spec.learningRate} to ${run.spec.learningRate * run.options.finalLearningRateFactor}`,
      seconds: Math.round(run.trainingSeconds),
      backend: run.backend,
      tfjsVersion: run.tfjsVersion,
      machine: { cores: run.machine.cores, cpuModel: run.machine.cpuModel, os: run.machine.os, runtime: `Node ${run.machine.node}` },
      dataSha256: run.dataSha256,
      command: commandFor(run.options),
    },
  });
}

export async function writeMetadataFromRun(outDir: string, run: PretrainRun): Promise<ModelMetadata> {
  const metadata = metadataFromRun(run);
  await writeFile(join(outDir, 'metadata.json'), JSON.stringify(metadata, null, 2) + '\n');
  return metadata;
}
