/**
 * The benchmark's time to accuracy, run inside the engine (in its worker) on the loaded data:
 * one preset trained as the app trains it (its recipe, the app's run settings with the
 * preset's recommended batch size and epochs, a 10% validation split), scored on all 10,000
 * test images after every epoch, stopped early at a time cap (then the part-epoch is scored).
 */
import { range } from '../ml/data/batches';
import type { FashionMnistData } from '../ml/data/dataset';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../ml/config/runConfig';
import { trainConfigFor } from '../ml/config/trainConfig';
import { buildModel, createOptimizer } from '../ml/model/build';
import { presetById, type PresetId } from '../ml/model/presets';
import type { ModelSpec } from '../ml/model/spec';
import { evaluateImages } from '../ml/training/evaluate';
import { firstReached, type EpochScore } from '../ml/training/timeToAccuracy';
import { trainModel } from '../ml/training/trainer';
import * as tf from '@tensorflow/tfjs';
import type { BenchTimeToAccuracyOptions, BenchTimeToAccuracyResult } from '../protocol/bench';


/** The run settings the app would use for `preset` (its recommended batch size and epochs). */
export function runConfigForPreset(preset: PresetId, trainSize: number, epochs?: number): RunConfig {
  const recommended = presetById(preset).recommended;
  return {
    ...DEFAULT_RUN_CONFIG,
    trainSize,
    batchSize: recommended?.batchSize ?? DEFAULT_RUN_CONFIG.batchSize,
    epochs: recommended?.epochs ?? epochs ?? DEFAULT_RUN_CONFIG.epochs,
    earlyStopping: 'off',
  };
}

export async function benchTimeToAccuracy(data: FashionMnistData, options: BenchTimeToAccuracyOptions): Promise<BenchTimeToAccuracyResult> {
  const config = runConfigForPreset(options.preset, options.trainSize, options.epochs);
  const measured = await measureTimeToAccuracy(data, { spec: presetById(options.preset).spec, config, testSize: options.testSize, capSeconds: options.capSeconds });
  return { ...measured, preset: options.preset };
}

export interface TimeToAccuracyRun {
  readonly spec: ModelSpec;
  readonly config: RunConfig;
  readonly testSize: number;
  readonly capSeconds: number;
}

/** Trains `spec` with `config` from fresh seeded weights, scoring the test images after each epoch. */
export async function measureTimeToAccuracy(data: FashionMnistData, { spec, config, testSize, capSeconds }: TimeToAccuracyRun): Promise<Omit<BenchTimeToAccuracyResult, 'preset'>> {
  const options = { testSize, capSeconds };
  const model = buildModel(spec, { seed: config.seed });
  const optimizer = createOptimizer(spec.optimizer, spec.learningRate);
  const testIndices = range(0, Math.min(options.testSize, data.test.labels.length));
  const abort = new AbortController();
  const scores: EpochScore[] = [];
  const started = performance.now();
  let trainSeconds = 0;
  let phaseStarted = started;
  let lastBatchEnd = started;
  let examples = 0;
  let batchesInEpoch = 1;
  let batchInEpoch = 0;
  let epochsDone = 0;
  /** False while an epoch's batches run, true once its onEpoch closed it. */
  let epochClosed = true;

  const score = async (epoch: number) => {
    // Flip TTA, when the recipe uses it, doubles this evaluation: its cost is in wallSeconds.
    const evaluation = await evaluateImages(model, data.test, testIndices, { inputScaling: spec.inputScaling, flipTta: spec.flipTta });
    if (!evaluation) throw new Error('the test evaluation was cut short');
    const { accuracy, loss } = evaluation;
    scores.push({ epoch, examples, trainSeconds, wallSeconds: (performance.now() - started) / 1000, testAccuracy: accuracy, testLoss: loss });
  };

  try {
    const result = await trainModel(
      model,
      optimizer,
      { images: data.train.images, labels: data.train.labels, available: () => data.train.availableCount },
      trainConfigFor(config, spec),
      {
        onPhase: (phase) => {
          if (phase !== 'training') return;
          phaseStarted = performance.now();
          epochClosed = false;
        },
        onBatch: (b) => {
          lastBatchEnd = performance.now();
          examples = b.examplesSeen;
          batchesInEpoch = b.batchesInEpoch;
          batchInEpoch = b.batch + 1;
          if (trainSeconds + (lastBatchEnd - phaseStarted) / 1000 >= options.capSeconds) abort.abort();
        },
        onEpoch: () => {
          // Batches only: the validation pass that follows them is an evaluation.
          trainSeconds += (lastBatchEnd - phaseStarted) / 1000;
          epochsDone += 1;
          epochClosed = true;
        },
        afterEpoch: (epoch) => score(epoch + 1),
      },
      { signal: abort.signal },
    );
    const capped = result.stopped;
    // Cut short inside an epoch (even on its last batch, the loop then skips onEpoch): score what it trained.
    if (capped && !epochClosed && batchInEpoch > 0) {
      trainSeconds += (lastBatchEnd - phaseStarted) / 1000;
      await score(epochsDone + batchInEpoch / batchesInEpoch);
    }
    return {
      backend: tf.getBackend(),
      batchSize: config.batchSize,
      epochs: config.epochs,
      trainedExamples: examples,
      examplesPerSecond: examples / Math.max(trainSeconds, 1e-9),
      scores,
      reached: firstReached(scores),
      capped,
    };
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}
