/**
 * The gradient of Mean over leading axes on the wasm backend, as a block repeat.
 *
 * tfjs-core's gradient of mean(x, axes) is dy / N broadcast to x's shape, built as
 * div(mul(reshape(dy), ones(x.shape)), N): a fill and two full-size passes. Batch
 * normalisation takes two such means of its input per step (tf.moments), so on wasm that was
 * six passes over the layer's input. When the axes are the leading ones, the gradient is the
 * [C] vector dy / N repeated rows times: tile() of it is a memcpy-doubling copy on wasm
 * (tile.ts), one pass in all.
 *
 *   dx[r, c] = dy[c] / rows   for x [d0, …, dk-1, rest…] reduced over the leading k axes,
 *                             rows = d0·…·dk-1, c indexing rest…
 *
 * `installMeanGradient()` replaces Mean's registered gradient for every backend; only wasm
 * with leading axes takes this path, everything else calls tfjs-core's original.
 */
import { Mean, type MeanAttrs, type Tensor, div, getBackend, reshape, tile, util } from '@tensorflow/tfjs';
import { replaceGradient } from './replaceGradient';
import { leadingAxesCount } from './sum';

export function installMeanGradient(): void {
  replaceGradient(Mean, (original) => ({
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved;
      const { axis } = attrs as unknown as MeanAttrs;
      const leading = getBackend() === 'wasm' && x.dtype === 'float32' ? leadingAxesCount(axis, x.shape) : null;
      if (leading === null) return original.gradFunc(dy, saved, attrs);
      const rows = util.sizeFromShape(x.shape.slice(0, leading));
      const rest = x.shape.slice(leading);
      const ones = x.shape.slice(0, leading).map(() => 1);
      return {
        x: () => tile(reshape(div(dy as Tensor, rows), [...ones, ...rest]), [...x.shape.slice(0, leading), ...rest.map(() => 1)]),
      };
    },
  }));
}
