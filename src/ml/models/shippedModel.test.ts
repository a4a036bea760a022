/**
 * The files in public/models/pretrained belong together and load with plain tfjs: metadata
 * valid, its layers are the topology's, the weights fit the manifest, and the model
 * classifies real test images (500 of them) far above chance.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRealSubset } from '../../test-support/realData';
import { imagesTensor, range } from '../data/batches';
import { sameLayers } from '../model/spec';
import { loadModelFromFiles } from './loadModel';
import { parseModelMetadata } from './metadata';
import { parseModelJson } from './modelJson';

const dir = join(import.meta.dirname, '../../../public/models/pretrained');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the shipped pretrained model', () => {
  it('has metadata matching its files and classifies real test images', async () => {
    const metadata = parseModelMetadata(JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8')));
    const modelJson = readFileSync(join(dir, 'model.json'), 'utf8');
    const weights = new Uint8Array(readFileSync(join(dir, 'weights.bin')));
    const parsed = parseModelJson(JSON.parse(modelJson));
    expect(metadata.source).toBe('pretrained');
    expect(sameLayers(parsed.layers, metadata.spec.layers)).toBe(true);
    expect(weights.byteLength).toBe(parsed.weightBytes);
    expect(weights.byteLength + modelJson.length).toBeLessThan(2 * 1024 * 1024);

    const model = await loadModelFromFiles({ modelJson, weights });
    expect(model.countParams()).toBe(metadata.parameterCount);
    const test = loadRealSubset('test', 500);
    const predicted = tf.tidy(() => (model.predict(imagesTensor(test.images, range(0, 500), 'unit')) as tf.Tensor).argMax(1).dataSync());
    const correct = Array.from(predicted).filter((p, i) => p === test.labels[i]).length;
    // The recorded accuracy is on all 10,000 test images; 500 of them may differ by a few points.
    expect(correct / 500).toBeGreaterThan(metadata.testAccuracy!.accuracy - 0.05);
    model.dispose();
  });
});
