/**
 * A dataset server in memory for Node tests: a valid manifest, PNG sheets and label files
 * built from the given images, served through a fetch-compatible function whose answers
 * can be overridden per file (errors, HTTP statuses) to test failures, or cut off (offline).
 * The engine's, the loader's and the offline copy's tests all use it.
 */
import { createHash } from 'node:crypto';
import { parseManifest, type DataManifest } from '../ml/data/manifest';
import { encodeGrayPng } from '../ml/data/pngCodec';
import { imagesToSheet, pixelHash, sheetSize } from '../ml/data/sprite';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export interface SplitSource {
  /** n×784 bytes. */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  /** Images per sheet, summing to n. */
  readonly sheetCounts: readonly number[];
}

/** `count` made-up images (a pattern that differs per `seed`) and their labels (0–9 in turn), in sheets of `sheetCounts`. */
export function syntheticSplit(sheetCounts: readonly number[], seed: number): SplitSource {
  const count = sheetCounts.reduce((a, b) => a + b, 0);
  return {
    images: Uint8Array.from({ length: count * 784 }, (_, i) => (i * 7 + seed) % 256),
    labels: Uint8Array.from({ length: count }, (_, i) => i % 10),
    sheetCounts,
  };
}

export interface FakeServerOptions {
  /** Where the app would find the files (default '/data/'). */
  readonly baseUrl?: string;
  /** Images per sheet row (default 10). */
  readonly columns?: number;
}

export function fakeDataServer(sources: { readonly train: SplitSource; readonly test: SplitSource }, { baseUrl = '/data/', columns = 10 }: FakeServerOptions = {}) {
  const files = new Map<string, Uint8Array>();
  const split = (name: 'train' | 'test', { images, labels, sheetCounts }: SplitSource) => {
    const total = sheetCounts.reduce((a, b) => a + b, 0);
    files.set(`${name}-labels.bin`, labels);
    let first = 0;
    const sheets = sheetCounts.map((count, index) => {
      const layout = { count, columns };
      const part = images.subarray(first * 784, (first + count) * 784);
      const { width, height } = sheetSize(layout);
      const png = encodeGrayPng(imagesToSheet(part, layout), width, height);
      const file = `${name}-${index}.png`;
      files.set(file, png);
      const entry = { file, bytes: png.length, sha256: sha(png), first, count, columns, width, height, pixelHash: pixelHash(part) };
      first += count;
      return entry;
    });
    return { count: total, labels: { file: `${name}-labels.bin`, bytes: total, sha256: sha(labels) }, sheets };
  };
  const manifest: DataManifest = parseManifest({
    version: 1,
    dataset: 'test',
    imageSize: 28,
    classNames: Array.from({ length: 10 }, (_, i) => `c${i}`),
    license: 'LICENSE.txt',
    splits: { train: split('train', sources.train), test: split('test', sources.test) },
  });
  files.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
  const requested: string[] = [];
  const overrides = new Map<string, Response | Error>();
  let online = true;
  const fetch = async (url: string) => {
    const name = url.replace(baseUrl, '');
    if (!online) throw new TypeError('Failed to fetch');
    requested.push(name);
    const override = overrides.get(name);
    if (override instanceof Error) throw override;
    if (override) return override;
    const body = files.get(name);
    return body ? new Response(body.slice(), { status: 200 }) : new Response('not found', { status: 404 });
  };
  return { manifest, files, fetch, requested, overrides, baseUrl, goOffline: () => void (online = false) };
}
