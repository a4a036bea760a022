/**
 * im2col / col2im for NHWC convolutions with dilation 1, over plain typed
 * arrays (in practice views of the wasm heap).
 *
 * Shapes (from tfjs' Conv2DInfo):
 *   x     [N, H, W, Ci]            (inShape)
 *   y, dy [N, Ho, Wo, Co]          (outShape)
 *   cols  [M, K] with M = N*Ho*Wo, K = Fh*Fw*Ci, row m = (n, oh, ow) and
 *         column k = (fr, fc, ci): cols[m, k] = x[n, oh*Sh - padTop + fr,
 *         ow*Sw - padLeft + fc, ci], or 0 where that lies in the padding.
 * The column order (fr, fc, ci) matches a filter [Fh, Fw, Ci, Co] flattened
 * to [K, Co], so conv(x, W) = cols · W[K, Co].
 */
import type { backend_util } from '@tensorflow/tfjs';

/** Rows M and columns K of the im2col matrix for this convolution. */
export function colsShape(info: backend_util.Conv2DInfo): [number, number] {
  return [
    info.batchSize * info.outHeight * info.outWidth,
    info.filterHeight * info.filterWidth * info.inChannels,
  ];
}

/**
 * Valid filter-column range [c0, c1) for output column ow: the filter taps
 * whose input column lies inside the image.
 */
function colRange(info: backend_util.Conv2DInfo, ow: number): [number, number] {
  const iw0 = ow * info.strideWidth - info.padInfo.left;
  const c0 = Math.max(0, -iw0);
  const c1 = Math.min(info.filterWidth, info.inWidth - iw0);
  return [c0, Math.max(c0, c1)];
}

/** cols[M, K] = im2col(x). Every element of `cols` is written. */
export function im2col(x: Float32Array, info: backend_util.Conv2DInfo, cols: Float32Array): void {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci } = info;
  const { outHeight: ho, outWidth: wo, filterHeight: fh, filterWidth: fw } = info;
  const sh = info.strideHeight;
  const top = info.padInfo.top;
  const rowLen = fw * ci; // one filter row of a patch: contiguous in cols and in x
  const k = fh * rowLen;
  let m = 0;
  for (let b = 0; b < n; b++) {
    const xBatch = b * h * w * ci;
    for (let oh = 0; oh < ho; oh++) {
      const ih0 = oh * sh - top;
      for (let ow = 0; ow < wo; ow++, m++) {
        const [c0, c1] = colRange(info, ow);
        const iw0 = ow * info.strideWidth - info.padInfo.left;
        let dst = m * k;
        for (let fr = 0; fr < fh; fr++, dst += rowLen) {
          const ih = ih0 + fr;
          if (ih < 0 || ih >= h || c0 >= c1) {
            cols.fill(0, dst, dst + rowLen);
            continue;
          }
          const lead = c0 * ci;
          const len = (c1 - c0) * ci;
          if (lead > 0) cols.fill(0, dst, dst + lead);
          let src = xBatch + (ih * w + iw0 + c0) * ci;
          const end = dst + lead + len;
          for (let d = dst + lead; d < end; d++) cols[d] = x[src++];
          if (end < dst + rowLen) cols.fill(0, end, dst + rowLen);
        }
      }
    }
  }
}

/**
 * dx[N, H, W, Ci] = col2im(cols[M, K]): every patch element is added back to
 * the input pixel it was read from; padding taps are dropped. `dx` is fully
 * overwritten (zeroed first).
 */
export function col2im(cols: Float32Array, info: backend_util.Conv2DInfo, dx: Float32Array): void {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci } = info;
  const { outHeight: ho, outWidth: wo, filterHeight: fh, filterWidth: fw } = info;
  const sh = info.strideHeight;
  const top = info.padInfo.top;
  const rowLen = fw * ci;
  const k = fh * rowLen;
  dx.fill(0);
  let m = 0;
  for (let b = 0; b < n; b++) {
    const xBatch = b * h * w * ci;
    for (let oh = 0; oh < ho; oh++) {
      const ih0 = oh * sh - top;
      for (let ow = 0; ow < wo; ow++, m++) {
        const [c0, c1] = colRange(info, ow);
        if (c0 >= c1) continue;
        const iw0 = ow * info.strideWidth - info.padInfo.left;
        let srcRow = m * k;
        for (let fr = 0; fr < fh; fr++, srcRow += rowLen) {
          const ih = ih0 + fr;
          if (ih < 0 || ih >= h) continue;
          let d = xBatch + (ih * w + iw0 + c0) * ci;
          const start = srcRow + c0 * ci;
          const end = srcRow + c1 * ci;
          for (let s = start; s < end; s++) dx[d++] += cols[s];
        }
      }
    }
  }
}

/**
 * colsT[K, M] = im2col(x)ᵀ, written row by row (one filter tap (fr, fc, ci)
 * per row, sequential writes, strided reads). Every element is written.
 */
export function im2colTransposed(
  x: Float32Array,
  info: backend_util.Conv2DInfo,
  colsT: Float32Array,
): void {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci } = info;
  const { outHeight: ho, outWidth: wo, filterHeight: fh, filterWidth: fw } = info;
  const { strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const m = n * ho * wo;
  let row = 0;
  for (let fr = 0; fr < fh; fr++) {
    for (let fc = 0; fc < fw; fc++) {
      // Output columns whose input column ow*sw - left + fc lies in [0, w).
      const owLo = Math.min(wo, Math.max(0, Math.ceil((left - fc) / sw)));
      const owHi = Math.max(owLo, Math.min(wo, Math.floor((w - 1 + left - fc) / sw) + 1));
      const xStep = sw * ci;
      for (let c = 0; c < ci; c++, row += m) {
        let d = row;
        for (let b = 0; b < n; b++) {
          const xBatch = b * h * w * ci + c;
          for (let oh = 0; oh < ho; oh++) {
            const ih = oh * sh - top + fr;
            if (ih < 0 || ih >= h) {
              colsT.fill(0, d, d + wo);
              d += wo;
              continue;
            }
            if (owLo > 0) colsT.fill(0, d, d + owLo);
            let s = xBatch + (ih * w + owLo * sw - left + fc) * ci;
            const end = d + owHi;
            for (let o = d + owLo; o < end; o++, s += xStep) colsT[o] = x[s];
            if (owHi < wo) colsT.fill(0, end, d + wo);
            d += wo;
          }
        }
      }
    }
  }
}
