/**
 * The full official Fashion-MNIST files for Node scripts (60,000 training and 10,000 test
 * images), read from the Debian dataset directory and checked against the published checksums.
 */
import { parseIdxImages, parseIdxLabels } from '../../src/ml/data/idx';
import { OFFICIAL_FILES, type OfficialFile } from '../data/checksums';
import { DEBIAN_DIR, readVerified } from '../data/sources';

export interface Split {
  /** count × 784 bytes, 0..255, row-major. */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

async function readSplit(imagesFile: OfficialFile, labelsFile: OfficialFile): Promise<Split> {
  const { count, pixels } = parseIdxImages(await readVerified(DEBIAN_DIR, imagesFile));
  const labels = parseIdxLabels(await readVerified(DEBIAN_DIR, labelsFile));
  if (labels.length !== count) throw new Error(`${count} images but ${labels.length} labels`);
  return { images: pixels, labels, count };
}

export async function loadOfficial(): Promise<{ train: Split; test: Split }> {
  return {
    train: await readSplit(OFFICIAL_FILES.trainImages, OFFICIAL_FILES.trainLabels),
    test: await readSplit(OFFICIAL_FILES.testImages, OFFICIAL_FILES.testLabels),
  };
}
