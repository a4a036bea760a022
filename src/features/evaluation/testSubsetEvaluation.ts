/**
 * The per-epoch evaluation: forward passes over the first test images (in
 * batches, yielding to the page between them, no tensors kept), turned into an
 * EvaluationResult. A fixed subset keeps it cheap enough to run after every
 * epoch; the full test set is evaluated once, by the store, when training ends.
 */
import type * as tf from '@tensorflow/tfjs';
import { range } from '../../ml/data/batches';
import { predictInBatches } from '../../ml/training/evaluate';
import { buildEvaluation, type EvaluationResult, type EvaluationSource } from './evaluationResult';

/** Test images evaluated after each epoch (fewer if the run evaluates fewer). */
export const EPOCH_SUBSET_SIZE = 1000;

/**
 * Images per forward pass. Each pass blocks the main thread on the CPU/WASM
 * backends; 128 keeps that to a fraction of a second on a slow machine while
 * still batching well.
 */
const BATCH_SIZE = 128;

/** How many test images the per-epoch evaluation uses: the first min(1,000, testSize, loaded). */
export function epochSubsetSize(testSize: number, testAvailable: number): number {
  return Math.max(0, Math.min(EPOCH_SUBSET_SIZE, testSize, testAvailable));
}

export interface TestImages {
  /** n × 784 bytes, 0..255. */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

/**
 * Evaluates `model` on test images 0..count-1. Returns null when aborted
 * (e.g. Stop pressed while it runs); tensors are freed either way.
 */
export async function evaluateFirstTestImages(
  model: tf.LayersModel,
  test: TestImages,
  count: number,
  source: EvaluationSource,
  signal?: AbortSignal,
): Promise<EvaluationResult | null> {
  const testIndices = range(0, count);
  const started = performance.now();
  const probabilities = await predictInBatches(model, test.images, testIndices, { signal, batchSize: BATCH_SIZE });
  if (!probabilities) return null;
  return buildEvaluation({
    source,
    testIndices,
    allLabels: test.labels,
    probabilities,
    seconds: (performance.now() - started) / 1000,
  });
}
