/**
 * The training images kept on the compute device, so that each batch is gathered there
 * instead of being converted and uploaded from JavaScript at every step.
 *
 * Images live in chunks of `chunkSize` (one sprite sheet, 5,000 images, by default): a
 * chunk is a float32 [chunkSize, 784] tensor, whose WebGL texture (packed ≈ 2,500 × 392
 * texels) fits the 2,048-texel minimum every WebGL 2 device supports, where one tensor
 * for all 60,000 images would not. A chunk is uploaded the first time a batch needs it,
 * and only once all of its images have arrived (data streams in sheet by sheet); batches
 * touching a chunk that is still incomplete are built from JavaScript as before.
 *
 * Worth it where device memory is separate (WebGL, WebGPU: one upload instead of one per
 * batch); on WASM and CPU the tensor data is already in the same memory, so there it would
 * only double the footprint (see keepsDataOnDevice).
 */
import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS, IMAGE_SIZE } from '../constants';
import { imagesTensor } from './batches';
import { scalePixels, type InputScaling } from './inputScaling';

export const DEFAULT_CHUNK_IMAGES = 5000;

/** Backends whose tensors live in separate device memory, where residency pays off. */
export function keepsDataOnDevice(backend: string): boolean {
  return backend === 'webgl' || backend === 'webgpu';
}

export class ResidentImages {
  private readonly chunks = new Map<number, tf.Tensor2D>();

  /**
   * `images`: all images of the split, 784 bytes each (0..255), filled in as data arrives;
   * `available()`: how many of them have arrived.
   */
  constructor(
    private readonly images: Uint8Array,
    private readonly available: () => number,
    /** How the bytes become the model's input (the model's own setting). */
    private readonly scaling: InputScaling,
    private readonly chunkSize = DEFAULT_CHUNK_IMAGES,
  ) {}

  /** Chunks on the device so far (for tests and memory accounting). */
  get residentChunks(): number {
    return this.chunks.size;
  }

  /**
   * The images at `indices` as float32 [n, 28, 28, 1] (in [0, 1], or [0, 255] for 'raw255'),
   * rows in the order given: exactly what imagesTensor(images, indices, scaling) returns. Call inside tf.tidy (the result
   * and the temporaries are tidied; the chunks are kept).
   */
  batch(indices: Int32Array): tf.Tensor4D {
    const byChunk = new Map<number, number[]>();
    for (let row = 0; row < indices.length; row++) {
      const chunk = Math.floor(indices[row] / this.chunkSize);
      const rows = byChunk.get(chunk);
      if (rows) rows.push(row);
      else byChunk.set(chunk, [row]);
    }
    // Every chunk's gather takes as many indices as the batch has rows (padded by repeating its
    // first), so the parts are [n, 784] whatever the split: GPU programs are keyed by their
    // shapes, and parts of varying sizes made the concatenation compile a new shader almost
    // every batch. Gathering the padding rows costs far less than a compile.
    const n = indices.length;
    const parts: tf.Tensor2D[] = [];
    const position = new Int32Array(n);
    for (const [chunkIndex, rows] of byChunk) {
      const chunk = this.chunk(chunkIndex);
      if (!chunk) return imagesTensor(this.images, indices, this.scaling);
      const local = new Int32Array(n).fill(indices[rows[0]] - chunkIndex * this.chunkSize);
      rows.forEach((row, j) => {
        local[j] = indices[row] - chunkIndex * this.chunkSize;
        position[row] = parts.length * n + j;
      });
      parts.push(tf.gather(chunk, local));
    }
    const gathered = parts.length === 1 ? parts[0] : tf.concat(parts, 0);
    return tf.reshape(inBatchOrder(gathered, position), [n, IMAGE_SIZE, IMAGE_SIZE, 1]);
  }

  /** Frees every chunk. */
  dispose(): void {
    for (const chunk of this.chunks.values()) chunk.dispose();
    this.chunks.clear();
  }

  private chunk(index: number): tf.Tensor2D | null {
    const existing = this.chunks.get(index);
    if (existing) return existing;
    const start = index * this.chunkSize;
    const total = this.images.length / IMAGE_PIXELS;
    const end = Math.min(start + this.chunkSize, total);
    if (end > this.available() || start >= end) return null;
    const values = scalePixels(this.images.subarray(start * IMAGE_PIXELS, end * IMAGE_PIXELS), this.scaling);
    // Created inside the caller's tidy: keep it for the following batches.
    const chunk = tf.keep(tf.tensor2d(values, [end - start, IMAGE_PIXELS]));
    this.chunks.set(index, chunk);
    return chunk;
  }
}

/** Row k of the batch is row `position[k]` of the gathered parts ([parts · n, 784]): picks them. */
function inBatchOrder(gathered: tf.Tensor2D, position: Int32Array): tf.Tensor2D {
  if (gathered.shape[0] === position.length && position.every((p, k) => p === k)) return gathered;
  return tf.gather(gathered, position);
}
