import { describe, expect, it } from 'vitest';
import { DataLoadError } from './fetchWithProgress';
import { createDataset, fetchManifest, loadDataset, pureSheetDecoder, type LoadProgress, type SheetDecoder } from './loader';
import { MAX_FILE_BYTES, parseManifest } from './manifest';
import { fakeDataServer, syntheticSplit } from '../../test-support/fakeDataServer';

/** A tiny dataset: train = 2 sheets of 3 images, test = 1 sheet of 2 images. */
function buildServer() {
  const train = syntheticSplit([3, 3], 5);
  const test = syntheticSplit([2], 4);
  return { ...fakeDataServer({ train, test }, { columns: 2 }), allImages: { train: train.images, test: test.images } };
}

const options = (fetch: ReturnType<typeof buildServer>['fetch'], decoders: SheetDecoder[] = [pureSheetDecoder]) => ({
  baseUrl: '/data/',
  fetch,
  decoders,
});

describe('dataset loader', () => {
  it('loads every file in the order that lets training start early, with monotonic progress', async () => {
    const server = buildServer();
    const manifest = await fetchManifest(options(server.fetch));
    const data = createDataset(manifest);
    const progress: LoadProgress[] = [];
    await loadDataset(manifest, data, options(server.fetch), { onProgress: (p) => progress.push(p) });
    expect(server.requested).toEqual(['manifest.json', 'train-labels.bin', 'test-labels.bin', 'train-0.png', 'test-0.png', 'train-1.png']);
    expect(Array.from(data.train.images)).toEqual(Array.from(server.allImages.train));
    expect(Array.from(data.test.images)).toEqual(Array.from(server.allImages.test));
    expect(data.train.complete && data.test.complete).toBe(true);
    const last = progress[progress.length - 1];
    expect(last.loadedBytes).toBe(last.totalBytes);
    expect(last.loadedImages).toBe(8);
    for (let i = 1; i < progress.length; i++) expect(progress[i].loadedBytes).toBeGreaterThanOrEqual(progress[i - 1].loadedBytes);
  });

  it('reports a truncated file clearly, then resumes on retry without refetching', async () => {
    const server = buildServer();
    const data = createDataset(server.manifest);
    const full = server.files.get('test-0.png')!;
    server.overrides.set('test-0.png', new Response(full.slice(0, 100)));
    const error = await loadDataset(server.manifest, data, options(server.fetch)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataLoadError);
    expect((error as DataLoadError).kind).toBe('size');
    expect((error as Error).message).toMatch(/test-0\.png is truncated: 100 bytes/);
    expect(data.train.availableCount).toBe(3); // the first sheet stays usable
    expect(data.test.complete).toBe(false);

    server.overrides.clear();
    server.requested.length = 0;
    await loadDataset(server.manifest, data, options(server.fetch));
    expect(server.requested).toEqual(['test-0.png', 'train-1.png']);
    expect(data.train.complete && data.test.complete).toBe(true);
  });

  it('rejects a corrupt file of the right size by checksum', async () => {
    const server = buildServer();
    const corrupt = server.files.get('train-0.png')!.slice();
    corrupt[60] ^= 0x55;
    server.overrides.set('train-0.png', new Response(corrupt));
    const error = (await loadDataset(server.manifest, createDataset(server.manifest), options(server.fetch)).catch((e: unknown) => e)) as DataLoadError;
    expect(error.kind).toBe('checksum');
    expect(error.file).toBe('train-0.png');
  });

  it('says a missing file is missing, including an HTML fallback page', async () => {
    const server = buildServer();
    server.files.delete('train-1.png');
    const e1 = (await loadDataset(server.manifest, createDataset(server.manifest), options(server.fetch)).catch((e: unknown) => e)) as DataLoadError;
    expect([e1.kind, e1.file]).toEqual(['missing', 'train-1.png']);
    const server2 = buildServer();
    server2.overrides.set('test-labels.bin', new Response('<html></html>', { headers: { 'content-type': 'text/html' } }));
    const e2 = (await loadDataset(server2.manifest, createDataset(server2.manifest), options(server2.fetch)).catch((e: unknown) => e)) as DataLoadError;
    expect(e2.kind).toBe('missing');
  });

  it('reports a network failure as such', async () => {
    const server = buildServer();
    server.overrides.set('train-labels.bin', new TypeError('Failed to fetch'));
    const error = (await loadDataset(server.manifest, createDataset(server.manifest), options(server.fetch)).catch((e: unknown) => e)) as DataLoadError;
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/Failed to fetch/);
  });

  it('falls back to the pure decoder when a platform decoder alters pixels', async () => {
    const server = buildServer();
    const noisy: SheetDecoder = {
      name: 'canvas',
      decode: async (png, sheet) => {
        const exact = await pureSheetDecoder.decode(png, sheet);
        exact[5] = exact[5] ^ 1; // what anti-fingerprinting noise does
        return exact;
      },
    };
    const used: string[] = [];
    const data = createDataset(server.manifest);
    await loadDataset(server.manifest, data, options(server.fetch, [noisy, pureSheetDecoder]), {
      onSheet: (_split, _i, decoder, fellBack) => used.push(`${decoder}:${fellBack}`),
    });
    expect(used).toEqual(['pure:true', 'pure:true', 'pure:true']);
    expect(Array.from(data.train.images)).toEqual(Array.from(server.allImages.train));
    const onlyNoisy = await loadDataset(server.manifest, createDataset(server.manifest), options(server.fetch, [noisy])).catch((e: unknown) => e);
    expect((onlyNoisy as DataLoadError).kind).toBe('pixels');
  });

  it('rejects an invalid manifest with the path of the problem', async () => {
    const server = buildServer();
    server.overrides.set('manifest.json', new Response(JSON.stringify({ version: 1, splits: {} })));
    const error = (await fetchManifest(options(server.fetch)).catch((e: unknown) => e)) as DataLoadError;
    expect(error.kind).toBe('manifest');
    expect(error.message).toMatch(/manifest\.json is invalid at/);
  });

  it('a connection cut in the middle of a file names the file and how far it got', async () => {
    const server = buildServer();
    const full = server.files.get('train-0.png')!;
    let pulls = 0;
    const cut = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(full.slice(0, 50));
        else controller.error(new TypeError('network error'));
      },
    });
    server.overrides.set('train-0.png', new Response(cut));
    const data = createDataset(server.manifest);
    const error = (await loadDataset(server.manifest, data, options(server.fetch)).catch((e: unknown) => e)) as DataLoadError;
    expect(error).toBeInstanceOf(DataLoadError);
    expect([error.kind, error.file]).toEqual(['network', 'train-0.png']);
    expect(error.message).toBe(`The connection broke while downloading train-0.png (50 of ${full.length.toLocaleString('en')} bytes): network error. Check the connection, then retry.`);
    expect(data.train.labelsLoaded && data.test.labelsLoaded).toBe(true); // what arrived before is kept
  });

  it('a server error is a server error, for the manifest and for data files', async () => {
    const server = buildServer();
    server.overrides.set('manifest.json', new Response('oops', { status: 500, statusText: 'Internal Server Error' }));
    const manifestError = (await fetchManifest(options(server.fetch)).catch((e: unknown) => e)) as DataLoadError;
    expect([manifestError.kind, manifestError.file]).toEqual(['http', 'manifest.json']);
    expect(manifestError.message).toBe('The server failed to send manifest.json: server error 500 (Internal Server Error). Try again later.');
    expect(manifestError.message).not.toMatch(/missing/);

    server.overrides.set('test-labels.bin', new Response('', { status: 503 }));
    const fileError = (await loadDataset(server.manifest, createDataset(server.manifest), options(server.fetch)).catch((e: unknown) => e)) as DataLoadError;
    expect(fileError.message).toBe('The server failed to send test-labels.bin: server error 503. Try again later.');
  });

  it('a missing manifest is still called missing; an HTML page or broken JSON is not a manifest', async () => {
    const server = buildServer();
    server.files.delete('manifest.json');
    expect(((await fetchManifest(options(server.fetch)).catch((e: unknown) => e)) as DataLoadError).message).toMatch(/^manifest\.json is missing on the server \(HTTP 404\)/);
    server.overrides.set('manifest.json', new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } }));
    expect(((await fetchManifest(options(server.fetch)).catch((e: unknown) => e)) as DataLoadError).kind).toBe('missing');
    server.overrides.set('manifest.json', new Response('{"version":'));
    expect(((await fetchManifest(options(server.fetch)).catch((e: unknown) => e)) as DataLoadError).message).toMatch(/manifest\.json is not valid JSON/);
  });

  it('refuses a manifest claiming absurd sizes before allocating anything', async () => {
    const server = buildServer();
    const tampered = structuredClone(server.manifest) as { splits: { train: { sheets: { bytes: number }[]; count: number } } };
    tampered.splits.train.sheets[0].bytes = 2 ** 40;
    server.overrides.set('manifest.json', new Response(JSON.stringify(tampered)));
    const error = (await fetchManifest(options(server.fetch)).catch((e: unknown) => e)) as DataLoadError;
    expect(error.kind).toBe('manifest');
    expect(error.message).toBe('manifest.json claims train-0.png is 1,048,576 MB; a data file may be at most 64 MB. The manifest is damaged or not made for this page: run "npm run data".');
    expect(MAX_FILE_BYTES).toBeGreaterThan(10 * Math.max(...server.manifest.splits.train.sheets.map((s) => s.bytes)));

    const wrongShape = structuredClone(server.manifest) as unknown as { splits: { test: { sheets: { width: number }[] } } };
    wrongShape.splits.test.sheets[0].width = 2 ** 30;
    expect(() => parseManifest(wrongShape)).toThrow(/test-0\.png is 1073741824×28 pixels, but 2 images in 2 columns make 56×28/);
  });
});
