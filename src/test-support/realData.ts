/** Loads a slice of the real, committed dataset (public/data) for Node tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGE_PIXELS } from '../ml/constants';
import { parseManifest } from '../ml/data/manifest';
import { decodeGrayPng } from '../ml/data/pngCodec';
import { sheetToImages } from '../ml/data/sprite';

const dataDir = join(import.meta.dirname, '../../public/data');

/** The first `count` images (≤ 5,000, from the first sheet) and labels of a split. */
export function loadRealSubset(split: 'train' | 'test', count: number): { images: Uint8Array; labels: Uint8Array } {
  const manifest = parseManifest(JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')));
  const sheet = manifest.splits[split].sheets[0];
  if (count > sheet.count) throw new Error(`at most ${sheet.count} images from one sheet`);
  const pixels = decodeGrayPng(new Uint8Array(readFileSync(join(dataDir, sheet.file)))).pixels;
  const images = sheetToImages(pixels, sheet).slice(0, count * IMAGE_PIXELS);
  const labels = new Uint8Array(readFileSync(join(dataDir, manifest.splits[split].labels.file))).slice(0, count);
  return { images, labels };
}
