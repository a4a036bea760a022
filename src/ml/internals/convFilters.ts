/**
 * A convolution layer's filters as plain data, and how to read one filter out of them. Pure
 * (no TensorFlow.js): the page's filter views use it; ./filters.ts reads them from a model.
 */

export interface ConvFilters {
  readonly layerName: string;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly inChannels: number;
  readonly outChannels: number;
  /** All weights in tfjs's kernel layout [kh, kw, in, out], row-major. */
  readonly weights: Float32Array;
  /** One bias per output channel (filter), or null if the layer has none. */
  readonly bias: Float32Array | null;
}

/** The kh×kw slice of filter `out` applied to input channel `inChannel`, row-major. */
export function filterSlice(filters: ConvFilters, out: number, inChannel: number): Float32Array {
  const { kernelHeight: kh, kernelWidth: kw, inChannels, outChannels, weights } = filters;
  if (out < 0 || out >= outChannels || inChannel < 0 || inChannel >= inChannels) {
    throw new RangeError(`no filter ${out} / input channel ${inChannel} in ${filters.layerName}`);
  }
  const slice = new Float32Array(kh * kw);
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) slice[y * kw + x] = weights[((y * kw + x) * inChannels + inChannel) * outChannels + out];
  }
  return slice;
}
