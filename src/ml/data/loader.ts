/**
 * Streams the dataset into memory, file by file, in the order that lets training start
 * earliest: labels, the first train sheet, the test sheets, then the remaining train sheets.
 * Resumable: a second call skips what is already loaded, so Retry continues where it failed.
 */
import { FashionMnistData, SplitData } from './dataset';
import { DataLoadError, checkResponse, fetchVerified, type Fetch } from './fetchWithProgress';
import { parseManifest, type DataManifest, type SheetManifest, type SplitName } from './manifest';
import type { OfflineCopy } from './offlineCopy';
import { decodeGrayPng } from './pngCodec';
import { pixelHash, sheetToImages } from './sprite';

/** Decodes a sheet PNG to count*784 bytes in dataset order, or throws. */
export interface SheetDecoder {
  readonly name: string;
  decode(png: Uint8Array, sheet: SheetManifest): Promise<Uint8Array>;
}

/** The exact, pure-JS decoder: the fallback when a faster platform decoder alters pixels. */
export const pureSheetDecoder: SheetDecoder = {
  name: 'pure',
  decode: async (png, sheet) => {
    const { pixels, width, height } = decodeGrayPng(png);
    if (width !== sheet.width || height !== sheet.height) throw new Error(`sheet is ${width}×${height}, expected ${sheet.width}×${sheet.height}`);
    return sheetToImages(pixels, sheet);
  },
};

export interface LoadProgress {
  readonly loadedBytes: number;
  readonly totalBytes: number;
  readonly loadedImages: number;
  readonly totalImages: number;
  /** The file being fetched, or null when done. */
  readonly currentFile: string | null;
}

export interface LoaderEvents {
  onProgress?(progress: LoadProgress): void;
  /** A sheet is decoded and verified; `decoder` names the decoder whose pixels matched. */
  onSheet?(split: SplitName, index: number, decoder: string, fellBack: boolean): void;
}

export interface LoaderOptions {
  readonly baseUrl: string;
  readonly fetch: Fetch;
  /** Tried in order; the first whose output matches the manifest's pixel hash wins. */
  readonly decoders: readonly SheetDecoder[];
  readonly signal?: AbortSignal;
  /** Verified files kept between visits: read before downloading, filled after. */
  readonly offlineCopy?: OfflineCopy | null;
  /** Whether the browser is offline (to explain a failed download). */
  readonly isOffline?: () => boolean;
}

export async function fetchManifest(options: LoaderOptions): Promise<DataManifest> {
  let response: Response;
  try {
    response = await options.fetch(options.baseUrl + 'manifest.json', { signal: options.signal });
  } catch (error) {
    throw new DataLoadError('network', 'manifest.json', `Could not reach the server for manifest.json: ${(error as Error).message}.`);
  }
  checkResponse(response, 'manifest.json');
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new DataLoadError('network', 'manifest.json', `The connection broke while downloading manifest.json: ${(error as Error).message}. Check the connection, then retry.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DataLoadError('manifest', 'manifest.json', 'manifest.json is not valid JSON. Run "npm run data" to regenerate public/data/.');
  }
  try {
    return parseManifest(json);
  } catch (error) {
    throw new DataLoadError('manifest', 'manifest.json', (error as Error).message);
  }
}

export function createDataset(manifest: DataManifest): FashionMnistData {
  return {
    train: new SplitData('train', manifest.splits.train.count, manifest.splits.train.sheets),
    test: new SplitData('test', manifest.splits.test.count, manifest.splits.test.sheets),
  };
}

type Step = { kind: 'labels'; split: SplitName } | { kind: 'sheet'; split: SplitName; index: number };

function plan(manifest: DataManifest): Step[] {
  const sheets = (split: SplitName, from = 0) =>
    manifest.splits[split].sheets.slice(from).map((_, i): Step => ({ kind: 'sheet', split, index: i + from }));
  return [
    { kind: 'labels', split: 'train' },
    { kind: 'labels', split: 'test' },
    ...sheets('train').slice(0, 1),
    ...sheets('test'),
    ...sheets('train', 1),
  ];
}

async function decodeVerified(png: Uint8Array, sheet: SheetManifest, decoders: readonly SheetDecoder[]) {
  const failures: string[] = [];
  for (const decoder of decoders) {
    try {
      const pixels = await decoder.decode(png, sheet);
      if (pixelHash(pixels) === sheet.pixelHash) return { pixels, decoder: decoder.name, fellBack: failures.length > 0 };
      failures.push(`${decoder.name}: pixels differ from the dataset`);
    } catch (error) {
      failures.push(`${decoder.name}: ${(error as Error).message}`);
    }
  }
  const allDiffer = failures.every((f) => f.endsWith('differ from the dataset'));
  throw new DataLoadError(
    allDiffer ? 'pixels' : 'decode',
    sheet.file,
    `${sheet.file} could not be decoded to the dataset's exact pixels (${failures.join('; ')}).`,
  );
}

/** Loads everything not yet in `data`; progress counts what is already there as loaded. */
export async function loadDataset(manifest: DataManifest, data: FashionMnistData, options: LoaderOptions, events: LoaderEvents = {}): Promise<void> {
  const steps = plan(manifest);
  const entryOf = (step: Step) => (step.kind === 'labels' ? manifest.splits[step.split].labels : manifest.splits[step.split].sheets[step.index]);
  const isDone = (step: Step) => (step.kind === 'labels' ? data[step.split].labelsLoaded : data[step.split].isSheetLoaded(step.index));
  const totalBytes = steps.reduce((sum, s) => sum + entryOf(s).bytes, 0);
  const totalImages = manifest.splits.train.count + manifest.splits.test.count;
  let loadedBytes = steps.filter(isDone).reduce((sum, s) => sum + entryOf(s).bytes, 0);
  const report = (currentFile: string | null) =>
    events.onProgress?.({ loadedBytes, totalBytes, loadedImages: data.train.availableCount + data.test.availableCount, totalImages, currentFile });

  report(null);
  for (const step of steps) {
    if (isDone(step)) continue;
    const entry = entryOf(step);
    const before = loadedBytes;
    let bytes = (await options.offlineCopy?.read(entry)) ?? null;
    if (bytes !== null) {
      loadedBytes += bytes.length;
    } else {
      try {
        bytes = await fetchVerified(options.fetch, options.baseUrl, entry, (delta) => {
          loadedBytes += delta;
          report(entry.file);
        }, options.signal);
      } catch (error) {
        loadedBytes = before;
        report(null);
        if (options.signal?.aborted) throw error;
        // Whatever failed, the message names the file, so Retry can say where it continues.
        const failure = error instanceof DataLoadError ? error : new DataLoadError('network', entry.file, `Downloading ${entry.file} failed: ${(error as Error).message}.`);
        throw options.offlineCopy ? options.offlineCopy.explainFailure(failure, options.isOffline?.() ?? false) : failure;
      }
      // Only verified bytes are kept (fetchVerified threw otherwise).
      await options.offlineCopy?.keep(entry, bytes);
    }
    if (step.kind === 'labels') {
      for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] > 9) throw new DataLoadError('decode', entry.file, `${entry.file} holds ${bytes[i]} at ${i}, not a class index.`);
      }
      data[step.split].setLabels(bytes);
    } else {
      const sheet = manifest.splits[step.split].sheets[step.index];
      const { pixels, decoder, fellBack } = await decodeVerified(bytes, sheet, options.decoders);
      data[step.split].setSheet(step.index, pixels);
      events.onSheet?.(step.split, step.index, decoder, fellBack);
    }
    report(entry.file);
  }
  report(null);
}
