/**
 * The training loop. Config and callbacks come in, events go out; it never reads the UI.
 * Per batch: one optimizer step; the batch's loss and accuracy are read back
 * asynchronously one batch later (no synchronous GPU read-back), which also keeps the
 * CPU from queueing unbounded GPU work. Stops on the AbortSignal, pauses via TrainingControl.
 */
import * as tf from '@tensorflow/tfjs';
import { epochBatches, imagesTensor, labelsTensor, range } from '../data/batches';
import { createRng } from '../random';
import type { TrainingControl } from './control';
import { predictInBatches, scorePredictions } from './evaluate';
import { ThroughputMeter } from './throughput';
import { yieldToHost } from './yieldToHost';

export interface TrainingDataSource {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  /** Examples loaded so far, from index 0 (the rest may still be streaming in). */
  available(): number;
}

export interface TrainConfig {
  readonly epochs: number;
  readonly batchSize: number;
  /** Fraction of the training subset held out for validation, 0 ≤ v < 1. */
  readonly validationSplit: number;
  /** How many training examples to use (≤ 60,000). */
  readonly trainSize: number;
  /** Seeds the shuffling. */
  readonly seed: number;
}

export interface BatchEvent {
  readonly epoch: number;
  readonly batch: number;
  readonly batchesInEpoch: number;
  readonly loss: number;
  readonly accuracy: number;
  /** Examples trained on since the run started. */
  readonly examplesSeen: number;
  readonly examplesPerSecond: number | null;
  readonly etaSeconds: number | null;
}

export interface EpochEvent {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss: number | null;
  readonly valAccuracy: number | null;
  readonly trainExamples: number;
  readonly valExamples: number;
  readonly seconds: number;
}

export interface TrainCallbacks {
  onBatch?(event: BatchEvent): void;
  onEpoch?(event: EpochEvent): void;
  onPhase?(phase: 'training' | 'validating', epoch: number): void;
  /**
   * Awaited after each epoch's onEpoch, before the next epoch starts: the place for extra
   * per-epoch work on the model (e.g. a confusion matrix on a test subset).
   */
  afterEpoch?(epoch: number): Promise<void>;
}

export interface TrainResult {
  readonly stopped: boolean;
  readonly epochsCompleted: number;
  readonly batchesCompleted: number;
}

const EPSILON = 1e-7;

/** Mean categorical cross-entropy of probabilities [b,10] against one-hot labels [b,10]: a scalar. */
function crossEntropy(ys: tf.Tensor2D, probs: tf.Tensor2D): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(ys, tf.log(tf.clipByValue(probs, EPSILON, 1 - EPSILON))), 1)));
}

/** Fraction of rows whose argmax matches the one-hot label: a scalar in [0, 1]. */
function batchAccuracy(ys: tf.Tensor2D, probs: tf.Tensor2D): tf.Scalar {
  return tf.mean(tf.cast(tf.equal(tf.argMax(probs, 1), tf.argMax(ys, 1)), 'float32'));
}

/** Splits the first trainSize examples: the first ⌊v·n⌋ validate (they arrive first), the rest train. */
export function splitIndices(trainSize: number, validationSplit: number): { valCount: number } {
  return { valCount: Math.floor(trainSize * validationSplit) };
}

export async function trainModel(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  data: TrainingDataSource,
  config: TrainConfig,
  callbacks: TrainCallbacks,
  control: { signal?: AbortSignal; control?: TrainingControl } = {},
): Promise<TrainResult> {
  const { signal } = control;
  const rng = createRng(config.seed);
  const { valCount } = splitIndices(config.trainSize, config.validationSplit);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const meter = new ThroughputMeter();
  let examplesSeen = 0;
  let batchesCompleted = 0;

  for (let epoch = 0; epoch < config.epochs; epoch++) {
    const epochStart = performance.now();
    // Uses whatever has streamed in by now, up to trainSize.
    const trainEnd = Math.min(config.trainSize, data.available());
    if (trainEnd <= valCount) throw new Error('No training examples are loaded yet.');
    const batches = epochBatches(range(valCount, trainEnd), config.batchSize, rng);
    const remainingAfterThisEpoch = (config.epochs - epoch - 1) * (trainEnd - valCount);
    callbacks.onPhase?.('training', epoch);
    meter.reset();

    let lossSum = 0;
    let accSum = 0;
    let counted = 0;
    let epochExamples = 0;
    const pending: { metrics: tf.Tensor1D; batch: number; size: number }[] = [];

    const drain = async (keep: number) => {
      while (pending.length > keep) {
        const item = pending.shift()!;
        const [loss, accuracy] = await item.metrics.data();
        item.metrics.dispose();
        lossSum += loss * item.size;
        accSum += accuracy * item.size;
        counted += item.size;
        meter.record(item.size);
        callbacks.onBatch?.({
          epoch,
          batch: item.batch,
          batchesInEpoch: batches.length,
          loss,
          accuracy,
          examplesSeen: examplesSeen - pending.reduce((s, p) => s + p.size, 0),
          examplesPerSecond: meter.examplesPerSecond,
          etaSeconds: meter.etaSeconds(remainingAfterThisEpoch + (trainEnd - valCount - counted)),
        });
      }
    };

    for (let b = 0; b < batches.length; b++) {
      if (control.control) {
        const wasPaused = control.control.paused;
        if (!(await control.control.waitForTurn(signal))) break;
        if (wasPaused) meter.reset();
      }
      if (signal?.aborted) break;
      const indices = batches[b];
      const metrics = tf.tidy(() => {
        const xs = imagesTensor(data.images, indices);
        const ys = labelsTensor(data.labels, indices);
        let accuracy: tf.Scalar | null = null;
        const loss = optimizer.minimize(() => {
          const probs = model.apply(xs, { training: true }) as tf.Tensor2D;
          accuracy = tf.keep(batchAccuracy(ys, probs));
          return crossEntropy(ys, probs);
        }, true, variables) as tf.Scalar;
        const kept = accuracy as unknown as tf.Scalar;
        const both = tf.stack([loss, kept]) as tf.Tensor1D;
        kept.dispose(); // tf.keep exempts it from every tidy, so it must be freed by hand
        return both;
      });
      pending.push({ metrics, batch: b, size: indices.length });
      examplesSeen += indices.length;
      epochExamples += indices.length;
      batchesCompleted++;
      await drain(1);
      await yieldToHost();
    }
    await drain(0);
    if (signal?.aborted || epochExamples < trainEnd - valCount) {
      return { stopped: true, epochsCompleted: epoch, batchesCompleted };
    }

    let valLoss: number | null = null;
    let valAccuracy: number | null = null;
    if (valCount > 0) {
      callbacks.onPhase?.('validating', epoch);
      const valIndices = range(0, valCount);
      const probs = await predictInBatches(model, data.images, valIndices, { signal });
      if (!probs) return { stopped: true, epochsCompleted: epoch, batchesCompleted };
      const score = scorePredictions(probs, data.labels, valIndices);
      valLoss = score.loss;
      valAccuracy = score.accuracy;
    }
    callbacks.onEpoch?.({
      epoch,
      loss: lossSum / counted,
      accuracy: accSum / counted,
      valLoss,
      valAccuracy,
      trainExamples: trainEnd - valCount,
      valExamples: valCount,
      seconds: (performance.now() - epochStart) / 1000,
    });
    await callbacks.afterEpoch?.(epoch);
  }
  return { stopped: false, epochsCompleted: config.epochs, batchesCompleted };
}
