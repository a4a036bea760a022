/**
 * Plain-array helpers on one example's activations (no tensors): pulling one channel out
 * of a channel-last [h, w, c] array, value ranges, and the 2-D pooling the internals view
 * compares side by side (max vs average on the same feature map).
 */

export interface ValueRange {
  readonly min: number;
  readonly max: number;
}

export interface Map2D {
  /** height×width values, row-major. */
  readonly values: Float32Array;
  readonly height: number;
  readonly width: number;
}

/** Channel `channel` of a channel-last [height, width, channels] array, as a height×width map. */
export function channelMap(values: ArrayLike<number>, height: number, width: number, channels: number, channel: number): Map2D {
  if (values.length !== height * width * channels) throw new RangeError(`${values.length} values do not fill [${height}, ${width}, ${channels}]`);
  if (!Number.isInteger(channel) || channel < 0 || channel >= channels) throw new RangeError(`channel ${channel} is outside 0..${channels - 1}`);
  const map = new Float32Array(height * width);
  for (let p = 0; p < height * width; p++) map[p] = values[p * channels + channel];
  return { values: map, height, width };
}

/** Smallest and largest value ({0, 0} for an empty array). */
export function valueRange(values: ArrayLike<number>): ValueRange {
  if (values.length === 0) return { min: 0, max: 0 };
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** Fraction of values that are exactly zero (e.g. how much of a map ReLU switched off). */
export function zeroFraction(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  let zeros = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === 0) zeros++;
  return zeros / values.length;
}

export type PoolMode = 'max' | 'avg';

/**
 * 2-D pooling of one map with 'valid' padding (as tf.layers.maxPooling2d / averagePooling2d
 * with padding 'valid'): output size floor((n - size) / stride) + 1 per side.
 */
export function pool2d(map: Map2D, size: number, stride: number, mode: PoolMode): Map2D {
  if (!Number.isInteger(size) || size < 1 || !Number.isInteger(stride) || stride < 1) throw new RangeError('pool size and stride must be positive integers');
  const height = Math.max(0, Math.floor((map.height - size) / stride) + 1);
  const width = Math.max(0, Math.floor((map.width - size) / stride) + 1);
  const values = new Float32Array(height * width);
  for (let oy = 0; oy < height; oy++) {
    for (let ox = 0; ox < width; ox++) {
      let acc = mode === 'max' ? -Infinity : 0;
      for (let dy = 0; dy < size; dy++) {
        for (let dx = 0; dx < size; dx++) {
          const v = map.values[(oy * stride + dy) * map.width + ox * stride + dx];
          acc = mode === 'max' ? Math.max(acc, v) : acc + v;
        }
      }
      values[oy * width + ox] = mode === 'max' ? acc : acc / (size * size);
    }
  }
  return { values, height, width };
}

/** Top-left corner (row, column) of the pooling window containing the map's largest value. */
export function strongestWindow(map: Map2D, size: number, stride: number): { row: number; col: number } {
  let best = 0;
  for (let i = 1; i < map.values.length; i++) if (map.values[i] > map.values[best]) best = i;
  const outRows = Math.max(1, Math.floor((map.height - size) / stride) + 1);
  const outCols = Math.max(1, Math.floor((map.width - size) / stride) + 1);
  const row = Math.min(outRows - 1, Math.floor(Math.floor(best / map.width) / stride)) * stride;
  const col = Math.min(outCols - 1, Math.floor((best % map.width) / stride)) * stride;
  return { row, col };
}
