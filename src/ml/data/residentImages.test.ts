import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_PIXELS } from '../constants';
import { imagesTensor } from './batches';
import { keepsDataOnDevice, ResidentImages } from './residentImages';

const COUNT = 23;
const images = Uint8Array.from({ length: COUNT * IMAGE_PIXELS }, (_, i) => (i * 37 + (i >> 7)) % 256);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function expectSameAsUpload(resident: ResidentImages, indices: number[]): void {
  const idx = Int32Array.from(indices);
  const [got, want] = [tf.tidy(() => resident.batch(idx)), imagesTensor(images, idx, 'unit')];
  expect(got.shape).toEqual([indices.length, 28, 28, 1]);
  expect(Array.from(got.dataSync())).toEqual(Array.from(want.dataSync()));
  tf.dispose([got, want]);
}

describe('ResidentImages', () => {
  it('gathers exactly the uploaded batch, in the order asked, across chunks and a short last chunk', () => {
    const resident = new ResidentImages(images, () => COUNT, 'unit', 5);
    expectSameAsUpload(resident, [22, 0, 7, 3, 21, 8, 14, 2]); // chunks 4 (3 images), 0, 1, 2
    expectSameAsUpload(resident, [1, 2, 3]); // one chunk, already in order
    expectSameAsUpload(resident, [9, 5, 6]); // one chunk, out of order within it
    resident.dispose();
  });

  it('uploads each chunk once and leaks nothing across batches', () => {
    const resident = new ResidentImages(images, () => COUNT, 'unit', 5);
    const run = () => tf.dispose(tf.tidy(() => resident.batch(Int32Array.from([0, 6, 12, 18, 22]))));
    run();
    expect(resident.residentChunks).toBe(5);
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) run();
    expect(tf.memory().numTensors).toBe(tensors);
    resident.dispose();
    expect(tf.memory().numTensors).toBe(tensors - 5);
  });

  it('waits for a chunk to arrive in full, building those batches from JavaScript meanwhile', () => {
    let arrived = 7;
    const resident = new ResidentImages(images, () => arrived, 'unit', 5);
    expectSameAsUpload(resident, [1, 6]); // chunk 1 (5..9) is incomplete
    expect(resident.residentChunks).toBe(1);
    arrived = 10;
    expectSameAsUpload(resident, [1, 6]);
    expect(resident.residentChunks).toBe(2);
    resident.dispose();
  });

  it('is used where device memory is separate', () => {
    expect(['webgl', 'webgpu', 'wasm', 'cpu'].filter(keepsDataOnDevice)).toEqual(['webgl', 'webgpu']);
  });
});
