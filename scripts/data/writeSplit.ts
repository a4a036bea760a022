/** Writes one split as PNG sprite sheets plus a one-byte-per-image label file. */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IMAGE_PIXELS } from '../../src/ml/constants';
import type { FileManifest, SheetManifest, SplitManifest } from '../../src/ml/data/manifest';
import { decodeGrayPng, encodeGrayPng } from '../../src/ml/data/pngCodec';
import { imagesToSheet, pixelHash, sheetSize, sheetToImages } from '../../src/ml/data/sprite';

/** 5,000 images a sheet: 2800×1400 px, ~2 MB each, so the first one arrives quickly. */
export const IMAGES_PER_SHEET = 5000;
export const SHEET_COLUMNS = 100;

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function writeEntry(outDir: string, file: string, data: Uint8Array): Promise<FileManifest> {
  await writeFile(join(outDir, file), data);
  return { file, bytes: data.length, sha256: sha256(data) };
}

export async function writeSplit(
  outDir: string,
  name: 'train' | 'test',
  pixels: Uint8Array,
  labels: Uint8Array,
  log: (line: string) => void,
): Promise<SplitManifest> {
  const count = labels.length;
  if (pixels.length !== count * IMAGE_PIXELS) throw new Error(`${name}: ${pixels.length} pixel bytes for ${count} labels`);
  const sheets: SheetManifest[] = [];
  for (let first = 0, index = 0; first < count; first += IMAGES_PER_SHEET, index++) {
    const layout = { count: Math.min(IMAGES_PER_SHEET, count - first), columns: SHEET_COLUMNS };
    const images = pixels.subarray(first * IMAGE_PIXELS, (first + layout.count) * IMAGE_PIXELS);
    const { width, height } = sheetSize(layout);
    const png = encodeGrayPng(imagesToSheet(images, layout), width, height);
    // Prove the sheet decodes back to the exact dataset bytes before publishing it.
    const hash = pixelHash(images);
    if (pixelHash(sheetToImages(decodeGrayPng(png).pixels, layout)) !== hash) throw new Error(`${name} sheet ${index} failed its round trip`);
    const entry = await writeEntry(outDir, `${name}-${String(index).padStart(2, '0')}.png`, png);
    sheets.push({ ...entry, first, count: layout.count, columns: layout.columns, width, height, pixelHash: hash });
    log(`  ${entry.file}: ${layout.count} images, ${(png.length / 1e6).toFixed(2)} MB`);
  }
  const labelEntry = await writeEntry(outDir, `${name}-labels.bin`, labels);
  return { count, labels: labelEntry, sheets };
}
