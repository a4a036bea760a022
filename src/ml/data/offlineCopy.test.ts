import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DataLoadError } from './fetchWithProgress';
import { createDataset, loadDataset, pureSheetDecoder } from './loader';
import { OfflineCopy, dataFiles, isQuotaError, type DataFileStore, type OfflineCopyState } from './offlineCopy';
import { fakeDataServer, syntheticSplit } from '../../test-support/fakeDataServer';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const BASE = 'http://host/class/data/';

/** A tiny dataset served from memory: train = 2 sheets of 3 images, test = 1 sheet of 2. */
function tinyServer() {
  return fakeDataServer({ train: syntheticSplit([3, 3], 5), test: syntheticSplit([2], 4) }, { baseUrl: BASE, columns: 2 });
}

/** The Cache API's behaviour in memory; `quotaBytes` makes keep() fail like a full disk. */
function memoryStore(quotaBytes = Infinity) {
  const entries = new Map<string, Uint8Array>();
  const used = () => [...entries.values()].reduce((sum, b) => sum + b.length, 0);
  const store: DataFileStore = {
    read: async (url) => entries.get(url)?.slice() ?? null,
    keep: async (url, bytes) => {
      if (used() + bytes.length > quotaBytes) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      entries.set(url, bytes.slice());
    },
    drop: async (url) => void entries.delete(url),
    urls: async () => [...entries.keys()],
  };
  return { store, entries };
}

async function load(server: ReturnType<typeof tinyServer>, store: DataFileStore, offline = false) {
  const states: OfflineCopyState[] = [];
  const copy = await OfflineCopy.open(store, BASE, server.manifest, (s) => states.push(s));
  const data = createDataset(server.manifest);
  const options = { baseUrl: BASE, fetch: server.fetch, decoders: [pureSheetDecoder], offlineCopy: copy, isOffline: () => offline };
  let error: unknown = null;
  await loadDataset(server.manifest, data, options).catch((e: unknown) => (error = e));
  return { copy, data, states, error: error as DataLoadError | null };
}

describe('the offline copy of the dataset', () => {
  it('keeps every verified file on the first visit and reads them all back on the next, without the network', async () => {
    const server = tinyServer();
    const { store, entries } = memoryStore();
    const first = await load(server, store);
    expect(first.error).toBeNull();
    expect(first.copy.state()).toMatchObject({ status: 'complete', files: 5, totalFiles: 5, missing: [], note: null });
    expect(entries.size).toBe(5);

    server.goOffline();
    server.requested.length = 0;
    const second = await load(server, store, true);
    expect(second.error).toBeNull();
    expect(server.requested).toEqual([]);
    expect(second.data.train.availableCount).toBe(6);
    expect(second.data.test.availableCount).toBe(2);
  });

  it('drops an entry whose bytes fail their SHA-256, says so, downloads it again and never decodes the damaged bytes', async () => {
    const server = tinyServer();
    const { store, entries } = memoryStore();
    await load(server, store);
    const url = BASE + 'train-1.png';
    const damaged = entries.get(url)!.slice();
    damaged[damaged.length - 20] ^= 0xff;
    entries.set(url, damaged);
    server.requested.length = 0;

    const second = await load(server, store);
    expect(second.error).toBeNull();
    expect(server.requested).toEqual(['train-1.png']);
    expect(second.copy.state().note).toMatch(/train-1\.png in this browser's offline copy was damaged \(its SHA-256 does not match the manifest\): it was dropped and is downloaded again/);
    // The entry now holds the server's verified bytes again.
    expect(sha(entries.get(url)!)).toBe(server.manifest.splits.train.sheets[1].sha256);
    expect(second.data.train.availableCount).toBe(6);
  });

  it('treats a truncated entry as damaged too', async () => {
    const server = tinyServer();
    const { store, entries } = memoryStore();
    await load(server, store);
    entries.set(BASE + 'test-labels.bin', new Uint8Array(1));
    const second = await load(server, store);
    expect(second.error).toBeNull();
    expect(second.copy.state().note).toMatch(/test-labels\.bin .*damaged \(1 bytes, expected 2\)/);
  });

  it('when the quota runs out, stops copying with a message and still loads everything from the network', async () => {
    const server = tinyServer();
    const sizes = dataFiles(server.manifest).map((f) => f.bytes);
    // Room for the two label files and the first sheet only.
    const { store, entries } = memoryStore(sizes[0] + sizes[1] + sizes[3] + 1);
    const first = await load(server, store);
    expect(first.error).toBeNull();
    expect(first.data.train.availableCount).toBe(6);
    expect(first.data.test.availableCount).toBe(2);
    const state = first.copy.state();
    expect(state.status).toBe('full');
    expect(state.note).toMatch(/Not enough storage to keep the dataset offline: the browser's quota ran out after .* MB of .* MB\. The app runs online as usual/);
    expect(state.missing.length).toBeGreaterThan(0);
    // Nothing half-written stays: every kept entry is a whole, verified file.
    for (const [url, bytes] of entries) {
      const entry = dataFiles(server.manifest).find((f) => BASE + f.file === url)!;
      expect(sha(bytes)).toBe(entry.sha256);
    }
  });

  it('offline with a half-filled copy, says which files are missing and keeps what loaded', async () => {
    const server = tinyServer();
    const { store, entries } = memoryStore();
    await load(server, store);
    entries.delete(BASE + 'train-1.png');
    server.goOffline();
    const second = await load(server, store, true);
    expect(second.error).toBeInstanceOf(DataLoadError);
    expect(second.error!.message).toMatch(/You are offline, and this browser's offline copy of the dataset is incomplete: it holds 4 of 5 files; missing: train-1\.png/);
    expect(second.data.train.availableCount).toBe(3);
    expect(second.data.test.availableCount).toBe(2);
  });

  it('forgets entries of an older dataset under the same address, and leaves other addresses alone', async () => {
    const server = tinyServer();
    const { store, entries } = memoryStore();
    entries.set(BASE + 'train-99.png', new Uint8Array(3));
    entries.set('http://host/other/data/train-0.png', new Uint8Array(3));
    await OfflineCopy.open(store, BASE, server.manifest, () => {});
    expect([...entries.keys()]).toEqual(['http://host/other/data/train-0.png']);
  });

  it('recognises quota errors by their standard and legacy names', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError(new TypeError('x'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
