/**
 * Parser for the IDX format used by the official (Fashion-)MNIST files.
 * Layout: 2 zero bytes, a type byte (0x08 = unsigned byte), a dimension count,
 * then one big-endian uint32 per dimension, then the data row-major.
 */

export class IdxFormatError extends Error {
  override name = 'IdxFormatError';
}

export interface IdxArray {
  /** Dimension sizes, e.g. [60000, 28, 28] for images or [60000] for labels. */
  readonly dims: readonly number[];
  /** The raw bytes, a view into the input buffer (not a copy). */
  readonly data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

/** Parses any unsigned-byte IDX file; rejects bad magic numbers and truncated data. */
export function parseIdx(bytes: Uint8Array): IdxArray {
  if (bytes.length < 4) throw new IdxFormatError(`IDX file too short (${bytes.length} bytes)`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new IdxFormatError(`bad IDX magic number: first two bytes must be 0, got ${bytes[0]}, ${bytes[1]}`);
  }
  if (bytes[2] !== UNSIGNED_BYTE) {
    throw new IdxFormatError(`unsupported IDX data type 0x${bytes[2].toString(16)} (only unsigned bytes, 0x08)`);
  }
  const rank = bytes[3];
  if (rank < 1 || rank > 4) throw new IdxFormatError(`unsupported IDX rank ${rank}`);
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) throw new IdxFormatError('IDX header truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const expected = dims.reduce((a, b) => a * b, 1);
  const available = bytes.length - headerLength;
  if (available !== expected) {
    throw new IdxFormatError(`IDX data has ${available} bytes, header promises ${expected}`);
  }
  return { dims, data: bytes.subarray(headerLength) };
}

/** Images: rank 3 [count, rows, cols]. Returns count and pixel bytes (count*rows*cols, 0..255). */
export function parseIdxImages(bytes: Uint8Array, rows = 28, cols = 28): { count: number; pixels: Uint8Array } {
  const idx = parseIdx(bytes);
  if (idx.dims.length !== 3) throw new IdxFormatError(`expected an image file of rank 3, got rank ${idx.dims.length}`);
  const [count, r, c] = idx.dims;
  if (r !== rows || c !== cols) throw new IdxFormatError(`expected ${rows}×${cols} images, got ${r}×${c}`);
  return { count, pixels: idx.data };
}

/** Labels: rank 1 [count], each a class index below numClasses. */
export function parseIdxLabels(bytes: Uint8Array, numClasses = 10): Uint8Array {
  const idx = parseIdx(bytes);
  if (idx.dims.length !== 1) throw new IdxFormatError(`expected a label file of rank 1, got rank ${idx.dims.length}`);
  for (let i = 0; i < idx.data.length; i++) {
    if (idx.data[i] >= numClasses) throw new IdxFormatError(`label ${idx.data[i]} at index ${i} is not a class index`);
  }
  return idx.data;
}

/** Builds an IDX buffer (used by tests and fixtures). */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  header[2] = UNSIGNED_BYTE;
  header[3] = dims.length;
  const view = new DataView(header.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const out = new Uint8Array(header.length + data.length);
  out.set(header);
  out.set(data, header.length);
  return out;
}
