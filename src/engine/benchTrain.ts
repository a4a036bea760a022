/**
 * The benchmark's measurement of the training loop, run inside the engine (in its worker):
 * a fresh default CNN trained on the loaded data with batch end times recorded, then the
 * 10,000-image evaluation time and single-image prediction latency on the same model.
 */
import * as tf from '@tensorflow/tfjs';
import { range } from '../ml/data/batches';
import type { FashionMnistData } from '../ml/data/dataset';
import { buildModel, createOptimizer } from '../ml/model/build';
import { SIMPLE_CNN } from '../ml/model/spec';
import { predictInBatches } from '../ml/training/evaluate';
import { predictProbabilities } from '../ml/training/predictOne';
import { trainModel } from '../ml/training/trainer';
import { gemmSplitCounts, setGemmSplitAllowed } from '../ml/backends/wasm/split/twoThreads';
import type { BenchTrainOptions, BenchTrainResult } from '../protocol/bench';

export async function benchTrain(data: FashionMnistData, options: BenchTrainOptions): Promise<BenchTrainResult> {
  const model = buildModel(SIMPLE_CNN);
  const optimizer = createOptimizer('adam', 0.001);
  const batchEndTimes: number[] = [];
  const numTensorsPerEpoch: number[] = [];
  let peakBytes = 0;
  let peakTensors = 0;
  setGemmSplitAllowed(options.gemmSplit ?? true);
  const splitBefore = gemmSplitCounts();
  try {
    await trainModel(
      model,
      optimizer,
      { images: data.train.images, labels: data.train.labels, available: () => data.train.availableCount },
      { epochs: 2, batchSize: options.batchSize, validationSplit: 0, trainSize: Math.ceil(options.examples / 2), seed: 1 },
      {
        onBatch: () => {
          batchEndTimes.push(performance.now());
          const memory = tf.memory();
          peakBytes = Math.max(peakBytes, memory.numBytes);
          peakTensors = Math.max(peakTensors, memory.numTensors);
        },
        onEpoch: () => numTensorsPerEpoch.push(tf.memory().numTensors),
      },
    );
    const evalStarted = performance.now();
    await predictInBatches(model, data.test.images, range(0, options.evalImages), { inputScaling: SIMPLE_CNN.inputScaling });
    const evalMs = performance.now() - evalStarted;
    const predictMs: number[] = [];
    for (let i = 0; i < options.predictCalls + 5; i++) {
      const started = performance.now();
      await predictProbabilities(model, data.test.image(i), SIMPLE_CNN.inputScaling);
      if (i >= 5) predictMs.push(performance.now() - started);
    }
    const split = gemmSplitCounts();
    const blocks = split.blocks - splitBefore.blocks;
    const gemmSplit = { split: split.split - splitBefore.split, single: split.single - splitBefore.single, helperShare: blocks > 0 ? 1 - (split.blocksHere - splitBefore.blocksHere) / blocks : 0 };
    return { backend: tf.getBackend(), batchEndTimes, timeOrigin: performance.timeOrigin, peakBytes, peakTensors, numTensorsPerEpoch, evalMs, predictMs, gemmSplit };
  } finally {
    setGemmSplitAllowed(true);
    model.dispose();
    optimizer.dispose();
  }
}
