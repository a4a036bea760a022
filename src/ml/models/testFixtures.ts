/** Small models and metadata for the model-file tests (used only by *.test.ts files). */
import { buildModel } from '../model/build';
import { SIMPLE_CNN, type ModelSpec } from '../model/spec';
import { MODEL_FORMAT_VERSION, type ModelMetadata } from './metadata';

/** Every layer kind whose weights matter: conv, batch norm (moving statistics), dense. */
export const TINY_SPEC: ModelSpec = {
  ...SIMPLE_CNN,
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
    { type: 'batchNorm' },
    { type: 'dropout', rate: 0.25 },
    { type: 'flatten' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};

export function tinyModel(seed = 5) {
  return buildModel(TINY_SPEC, { seed });
}

export function sampleMetadata(overrides: Partial<ModelMetadata> = {}): ModelMetadata {
  return {
    formatVersion: MODEL_FORMAT_VERSION,
    name: 'My first CNN',
    createdAt: '2025-01-02T03:04:05.000Z',
    source: 'trained',
    spec: TINY_SPEC,
    epochsTrained: 2,
    testAccuracy: { accuracy: 0.8125, count: 1000 },
    parameterCount: 7_000,
    history: {
      epochs: [
        { epoch: 0, loss: 0.9, accuracy: 0.7, valLoss: 0.8, valAccuracy: 0.72, seconds: 3.5 },
        { epoch: 1, loss: 0.6, accuracy: 0.8, valLoss: null, valAccuracy: null },
      ],
      batches: [
        { step: 1, epoch: 0, loss: 2.3, accuracy: 0.1 },
        { step: 50, epoch: 1, loss: 0.7, accuracy: 0.75 },
      ],
    },
    training: { seed: 5, batchSize: 32, trainSize: 1000, validationSplit: 0.1 },
    ...overrides,
  };
}
