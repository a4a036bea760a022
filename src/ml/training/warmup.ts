/**
 * Shader warm-up: a training step on a throw-away copy of the network, fed zeros, so that a
 * GPU backend compiles the step's programs (WebGL shaders, WebGPU pipelines) before the user
 * presses Train — while the dataset is still downloading. Compiled programs are cached by the
 * backend under a key made of their source and shapes, so the real run's first step finds
 * them, as long as the warm-up trains the same network (spec), batch size and recipe
 * (augmentation, smoothing, L2, weight averaging, schedule) through the same loop (trainModel).
 *
 * The images are one resident chunk of zeros (DEFAULT_CHUNK_IMAGES × 784 bytes, all
 * "available"), so the batch is gathered on the device from a [5000, 784] tensor, as the real
 * run's batches are. Nothing of it is kept: the model, its optimizer and the chunk are freed.
 */
import { IMAGE_PIXELS } from '../constants';
import { DEFAULT_CHUNK_IMAGES } from '../data/residentImages';
import { buildModel, createOptimizer } from '../model/build';
import type { ModelSpec } from '../model/spec';
import { trainModel, type TrainConfig } from './trainer';

/**
 * One step. A second step would meet the weights and moments as the update left them (GPU
 * textures of other layouts than the initial uploads) and compile the one program whose key
 * depends on that (WebGL's packed reshape of the first convolution's [3, 3, 1, 32] kernel),
 * but it costs a whole step's GPU time, which a Train click pressed meanwhile waits for.
 */
export const WARMUP_STEPS = 1;

/** Runs WARMUP_STEPS training steps of `spec` as `config` would; resolves when their results are read back. */
export async function warmUpTrainingStep(spec: ModelSpec, config: TrainConfig, signal?: AbortSignal): Promise<void> {
  const images = new Uint8Array(DEFAULT_CHUNK_IMAGES * IMAGE_PIXELS);
  const labels = new Uint8Array(DEFAULT_CHUNK_IMAGES);
  const model = buildModel(spec, { seed: config.seed });
  const optimizer = createOptimizer(spec.optimizer, spec.learningRate);
  try {
    await trainModel(
      model,
      optimizer,
      { images, labels, available: () => DEFAULT_CHUNK_IMAGES },
      // No validation, no early stopping: the optimizer steps and their read-backs only.
      { ...config, epochs: 1, trainSize: WARMUP_STEPS * config.batchSize, validationSplit: 0, earlyStopping: null },
      {},
      { signal },
    );
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}
