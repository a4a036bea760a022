import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelToFiles } from './artifacts';
import { loadPretrainedModel } from './pretrained';
import { sampleMetadata, tinyModel } from './testFixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('loadPretrainedModel', () => {
  it('fetches model.json, its weights and metadata.json from the directory', async () => {
    const model = tinyModel(9);
    const files = await modelToFiles(model);
    const served: Record<string, BodyInit> = {
      '/m/model.json': files.modelJson,
      '/m/weights.bin': files.weights.slice().buffer as ArrayBuffer,
      '/m/metadata.json': JSON.stringify(sampleMetadata({ source: 'pretrained' })),
    };
    const requested: string[] = [];
    const fetchFn = async (url: string) => (requested.push(url), served[url] === undefined ? new Response('', { status: 404 }) : new Response(served[url]));
    const loaded = await loadPretrainedModel('/m/', fetchFn);
    expect(requested.sort()).toEqual(['/m/metadata.json', '/m/model.json', '/m/weights.bin']);
    expect(loaded.metadata.source).toBe('pretrained');
    expect(loaded.model.getWeights().map((w) => w.dataSync())).toEqual(model.getWeights().map((w) => w.dataSync()));
    loaded.model.dispose();
    model.dispose();
    await expect(loadPretrainedModel('/missing/', fetchFn)).rejects.toThrow(/could not be downloaded \(\/missing\/model\.json: HTTP 404\)/);
  });
});
