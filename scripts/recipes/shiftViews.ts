/**
 * Test-time views beyond the flip, for recipe exploration: each test image as is, mirrored, and
 * shifted by one pixel (left, right, up, down; zero-filled), scored alone and averaged in a few
 * combinations, so a recipe can tell what more views would buy before the app offers them.
 */
import * as tf from '@tensorflow/tfjs';
import { imagesTensor } from '../../src/ml/data/batches';
import type { InputScaling } from '../../src/ml/data/inputScaling';
import { scorePredictions } from '../../src/ml/training/evaluate';

type View = 'plain' | 'flip' | 'left' | 'right' | 'up' | 'down' | 'flipLeft' | 'flipRight';
const VIEWS: View[] = ['plain', 'flip', 'left', 'right', 'up', 'down', 'flipLeft', 'flipRight'];

/** xs [b,28,28,1] moved by (dy, dx) pixels, zeros shifted in: same shape. */
function shifted(xs: tf.Tensor4D, dy: number, dx: number): tf.Tensor4D {
  const [, h, w] = xs.shape;
  const padded = tf.pad(xs, [[0, 0], [1, 1], [1, 1], [0, 0]]);
  return tf.slice(padded, [0, 1 - dy, 1 - dx, 0], [-1, h, w, -1]);
}

function viewOf(xs: tf.Tensor4D, view: View): tf.Tensor4D {
  switch (view) {
    case 'plain': return xs;
    case 'flip': return tf.reverse(xs, 2);
    case 'left': return shifted(xs, 0, -1);
    case 'right': return shifted(xs, 0, 1);
    case 'up': return shifted(xs, -1, 0);
    case 'down': return shifted(xs, 1, 0);
    case 'flipLeft': return shifted(tf.reverse(xs, 2), 0, -1);
    case 'flipRight': return shifted(tf.reverse(xs, 2), 0, 1);
  }
}

export async function scoreShiftViews(model: tf.LayersModel, test: { images: Uint8Array; labels: Uint8Array }, indices: Int32Array, scaling: InputScaling): Promise<string[]> {
  const n = indices.length;
  const probs = new Map<View, Float32Array>(VIEWS.map((v) => [v, new Float32Array(n * 10)]));
  for (let start = 0; start < n; start += 500) {
    const batch = Array.from(indices.subarray(start, Math.min(n, start + 500)));
    for (const view of VIEWS) {
      const out = tf.tidy(() => model.predict(viewOf(imagesTensor(test.images, batch, scaling), view)) as tf.Tensor2D);
      probs.get(view)!.set(await out.data(), start * 10);
      out.dispose();
    }
  }
  const mean = (views: View[]) => {
    const sum = new Float32Array(n * 10);
    for (const v of views) probs.get(v)!.forEach((p, i) => (sum[i] += p / views.length));
    return (100 * scorePredictions(sum, test.labels, indices).accuracy).toFixed(2);
  };
  const combos: View[][] = [['plain'], ['plain', 'flip'], ['plain', 'left', 'right'], ['plain', 'flip', 'left', 'right'], ['plain', 'flip', 'left', 'right', 'flipLeft', 'flipRight'], ['plain', 'flip', 'left', 'right', 'up', 'down'], VIEWS];
  return combos.map((c) => `views ${c.join('+')}: ${mean(c)}%`);
}
