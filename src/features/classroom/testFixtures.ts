/** A finished run's summary for tests, with `overrides`. */
import type { RunSummary } from './schema';

export function run(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    id: 'r1',
    status: 'done',
    value: 0.5,
    settings: { optimizer: 'adam', learningRate: 0.001, dropout: 0.5, batchNorm: false, trainSize: 500, epochs: 1, batchSize: 64 },
    epochs: [{ epoch: 1, loss: 0.9, accuracy: 0.7, valLoss: 0.8, valAccuracy: 0.72 }],
    batches: [
      [0.5, 1.2, 0.5],
      [1, 0.9, 0.7],
    ],
    progress: { epoch: 0, batch: 8, batchesInEpoch: 8 },
    test: { accuracy: 0.71, count: 200 },
    confusion: Array.from({ length: 10 }, () => Array(10).fill(2)),
    backend: 'wasm (SIMD, 2 threads)',
    examplesPerSecond: 900,
    updatedAt: 5,
    ...overrides,
  };
}

