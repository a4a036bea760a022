import { describe, expect, it } from 'vitest';
import { encodeIdx, IdxFormatError, parseIdx, parseIdxImages, parseIdxLabels } from './idx';

describe('IDX parsing', () => {
  it('parses a hand-built image file', () => {
    const pixels = Uint8Array.from({ length: 2 * 3 * 3 }, (_, i) => i * 10);
    const file = encodeIdx([2, 3, 3], pixels);
    // magic 0x00000803, then big-endian dims
    expect(Array.from(file.subarray(0, 8))).toEqual([0, 0, 8, 3, 0, 0, 0, 2]);
    const parsed = parseIdxImages(file, 3, 3);
    expect(parsed.count).toBe(2);
    expect(Array.from(parsed.pixels)).toEqual(Array.from(pixels));
  });

  it('parses labels and rejects labels outside the classes', () => {
    expect(Array.from(parseIdxLabels(encodeIdx([4], Uint8Array.of(0, 9, 3, 1))))).toEqual([0, 9, 3, 1]);
    expect(() => parseIdxLabels(encodeIdx([2], Uint8Array.of(0, 10)))).toThrow(/not a class index/);
  });

  it('reads big-endian dimensions above 255', () => {
    const file = encodeIdx([300], new Uint8Array(300));
    expect(parseIdx(file).dims).toEqual([300]);
  });

  it('rejects bad magic numbers', () => {
    const file = encodeIdx([2], Uint8Array.of(1, 2));
    const badZero = file.slice();
    badZero[0] = 1;
    expect(() => parseIdx(badZero)).toThrow(IdxFormatError);
    const badType = file.slice();
    badType[2] = 0x0d; // float32, not ours
    expect(() => parseIdx(badType)).toThrow(/data type/);
    const gzipped = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0);
    expect(() => parseIdx(gzipped)).toThrow(/magic/);
  });

  it('rejects truncated and oversized data and wrong ranks', () => {
    const file = encodeIdx([2, 2, 2], new Uint8Array(8));
    expect(() => parseIdx(file.subarray(0, file.length - 1))).toThrow(/promises 8/);
    expect(() => parseIdx(Uint8Array.of(0, 0))).toThrow(/too short/);
    expect(() => parseIdxImages(encodeIdx([4], new Uint8Array(4)))).toThrow(/rank 3/);
    expect(() => parseIdxImages(encodeIdx([1, 2, 2], new Uint8Array(4)))).toThrow(/28×28/);
    expect(() => parseIdxLabels(encodeIdx([1, 1], new Uint8Array(1)))).toThrow(/rank 1/);
  });
});
