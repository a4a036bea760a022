/**
 * npm run data: regenerates public/data/ from the official Fashion-MNIST IDX files.
 * Output is deterministic, so re-running on the same input rewrites identical bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CLASS_NAMES } from '../../src/ml/constants';
import { parseIdxImages, parseIdxLabels } from '../../src/ml/data/idx';
import { parseManifest, type DataManifest } from '../../src/ml/data/manifest';
import { OFFICIAL_FILES } from './checksums';
import { LICENSE_TEXT } from './license';
import { locateSources, readVerified } from './sources';
import { writeSplit } from './writeSplit';

const root = resolve(import.meta.dirname, '../..');
const outDir = join(root, 'public/data');
const cacheDir = join(root, 'node_modules/.cache/fashion-mnist');
const log = (line: string) => console.log(line);

async function main() {
  const files = Object.values(OFFICIAL_FILES);
  const source = await locateSources(files, cacheDir, log);
  log(`reading the official IDX files from ${source.dir} (${source.origin})`);
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(
    [OFFICIAL_FILES.trainImages, OFFICIAL_FILES.trainLabels, OFFICIAL_FILES.testImages, OFFICIAL_FILES.testLabels].map((f) =>
      readVerified(source.dir, f),
    ),
  );
  log('checksums verified');
  await mkdir(outDir, { recursive: true });
  const train = parseIdxImages(trainImages);
  const test = parseIdxImages(testImages);
  log('train split:');
  const trainSplit = await writeSplit(outDir, 'train', train.pixels, parseIdxLabels(trainLabels), log);
  log('test split:');
  const testSplit = await writeSplit(outDir, 'test', test.pixels, parseIdxLabels(testLabels), log);
  await writeFile(join(outDir, 'LICENSE.txt'), LICENSE_TEXT);
  const manifest: DataManifest = parseManifest({
    version: 1,
    dataset: 'Fashion-MNIST (Zalando Research), official 60,000/10,000 split',
    imageSize: 28,
    classNames: [...CLASS_NAMES],
    license: 'LICENSE.txt',
    splits: { train: trainSplit, test: testSplit },
  });
  await writeFile(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const total = [trainSplit, testSplit].flatMap((s) => [s.labels, ...s.sheets]).reduce((sum, f) => sum + f.bytes, 0);
  log(`wrote ${outDir}: ${trainSplit.count + testSplit.count} images, ${(total / 1e6).toFixed(1)} MB`);
}

main().catch((error: unknown) => {
  console.error(`npm run data failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
