/**
 * How many GPU programs gathering training batches from the resident chunks compiles, batch
 * after batch (e2e/gpuKernels.dev.spec.ts): the programs' keys carry their shapes, so parts
 * of varying sizes would compile new programs as training goes on. Never part of the app.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgl';
import { ResidentImages } from '../ml/data/residentImages';

function programs(): number {
  const backend = tf.backend() as unknown as { binaryCache?: object; pipelineCache?: object };
  return Object.keys(backend.binaryCache ?? backend.pipelineCache ?? {}).length;
}

/** Programs compiled by each of `batches` random batches of 64 from 12 chunks of 50 images. */
export async function compiledPerBatch(batches: number): Promise<number[]> {
  if (!(await tf.setBackend('webgl'))) throw new Error('webgl did not start');
  const count = 600;
  const images = Uint8Array.from({ length: count * 784 }, (_, i) => i % 251);
  const resident = new ResidentImages(images, () => count, 'unit', 50);
  let seed = 1;
  const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  const out: number[] = [];
  for (let b = 0; b < batches; b++) {
    const indices = Int32Array.from({ length: 64 }, () => Math.floor(random() * count));
    const before = programs();
    const batch = tf.tidy(() => resident.batch(indices));
    await batch.data();
    batch.dispose();
    out.push(programs() - before);
  }
  resident.dispose();
  return out;
}
