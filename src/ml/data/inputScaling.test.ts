/** Input scaling reaches every way pixels become a model's input: batches, resident batches, one image, a drawing. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_PIXELS } from '../constants';
import { parseModelMetadata } from '../models/metadata';
import { sampleMetadata } from '../models/testFixtures';
import { toModelInput } from '../preprocess';
import { imagesTensor } from './batches';
import { scalePixels } from './inputScaling';
import { ResidentImages } from './residentImages';

const images = Uint8Array.from({ length: 3 * IMAGE_PIXELS }, (_, i) => (i * 53) % 256);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('input scaling', () => {
  it("'unit' divides by 255, 'raw255' keeps the byte values", () => {
    expect(Array.from(scalePixels([0, 51, 255], 'unit'))).toEqual([0, 51 / 255, 1].map(Math.fround));
    expect(Array.from(scalePixels([0, 51, 255], 'raw255'))).toEqual([0, 51, 255]);
  });

  it('batches uploaded and batches gathered on the device are scaled alike', () => {
    const idx = Int32Array.from([2, 0]);
    for (const scaling of ['unit', 'raw255'] as const) {
      const resident = new ResidentImages(images, () => 3, scaling);
      const [gathered, uploaded] = [tf.tidy(() => resident.batch(idx)), imagesTensor(images, idx, scaling)];
      expect(Array.from(gathered.dataSync())).toEqual(Array.from(uploaded.dataSync()));
      expect(uploaded.max().dataSync()[0]).toBeCloseTo(scaling === 'unit' ? 1 : 255, 5);
      tf.dispose([gathered, uploaded]);
      resident.dispose();
    }
  });

  it('a drawing is scaled the same way as the training images', () => {
    const pixels = images.subarray(0, IMAGE_PIXELS);
    const batch = imagesTensor(images, [0], 'raw255');
    expect(Array.from(toModelInput(pixels, 'raw255'))).toEqual(Array.from(batch.dataSync()));
    batch.dispose();
  });

  it('model files keep the setting; files from before it read as 0–1', () => {
    const metadata = sampleMetadata();
    const raw = { ...metadata, spec: { ...metadata.spec, inputScaling: 'raw255' } };
    expect(parseModelMetadata(JSON.parse(JSON.stringify(raw))).spec.inputScaling).toBe('raw255');
    const { inputScaling: _dropped, ...older } = metadata.spec;
    void _dropped;
    expect(parseModelMetadata({ ...metadata, spec: older }).spec.inputScaling).toBe('unit');
    expect(() => parseModelMetadata({ ...metadata, spec: { ...metadata.spec, inputScaling: '0-255' } })).toThrow(/spec\.inputScaling/);
  });
});
