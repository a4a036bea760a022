/** The four official Fashion-MNIST files, checked against the published checksums, with their SHA-256. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseIdxImages, parseIdxLabels } from '../../src/ml/data/idx';
import { OFFICIAL_FILES, type OfficialFile } from '../data/checksums';
import { existsSync } from 'node:fs';
import { DEBIAN_DIR, verifyOfficialFile } from '../data/sources';

export interface Split {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

export interface OfficialData {
  readonly train: Split;
  readonly test: Split;
  readonly dir: string;
  /** File name -> SHA-256 of the file exactly as read (the .gz). */
  readonly sha256: Record<string, string>;
}

export async function loadOfficialData(log: (line: string) => void): Promise<OfficialData> {
  const files = Object.values(OFFICIAL_FILES);
  // No download: the script only reads local copies ($FASHION_MNIST_DIR or the Debian package).
  const dir = process.env.FASHION_MNIST_DIR ?? DEBIAN_DIR;
  const missing = files.filter((f) => !existsSync(join(dir, f.name))).map((f) => f.name);
  if (missing.length > 0) throw new Error(`${dir} lacks ${missing.join(', ')}: set FASHION_MNIST_DIR to the official files.`);
  log(`reading the official files from ${dir}`);
  const sha256: Record<string, string> = {};
  const read = async (file: OfficialFile) => {
    const gz = new Uint8Array(await readFile(join(dir, file.name)));
    sha256[file.name] = createHash('sha256').update(gz).digest('hex');
    return verifyOfficialFile(file, gz).raw;
  };
  const split = async (images: OfficialFile, labels: OfficialFile): Promise<Split> => {
    const parsed = parseIdxImages(await read(images));
    const parsedLabels = parseIdxLabels(await read(labels));
    if (parsed.count !== parsedLabels.length) throw new Error(`${images.name}: ${parsed.count} images but ${parsedLabels.length} labels`);
    return { images: parsed.pixels, labels: parsedLabels };
  };
  const train = await split(OFFICIAL_FILES.trainImages, OFFICIAL_FILES.trainLabels);
  const test = await split(OFFICIAL_FILES.testImages, OFFICIAL_FILES.testLabels);
  return { train, test, dir, sha256 };
}
