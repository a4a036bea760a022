/**
 * The dataset's offline copy in the Cache API (window and workers alike): the store behind
 * ml/data/offlineCopy.ts. The service worker never serves these entries; the engine reads them
 * itself, so that every byte is verified before it is used, online or offline.
 */
import type { DataFileStore } from '../ml/data/offlineCopy';

/** One cache for every copy of the app on this origin; entries are keyed by absolute URL. */
export const DATA_CACHE_NAME = 'fashion-mnist-data-v1';

export async function openDataCache(): Promise<DataFileStore | null> {
  if (typeof caches === 'undefined') return null;
  const cache = await caches.open(DATA_CACHE_NAME);
  return {
    read: async (url) => {
      const response = await cache.match(url);
      return response ? new Uint8Array(await response.arrayBuffer()) : null;
    },
    keep: (url, bytes) =>
      cache.put(url, new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length) } })),
    drop: async (url) => {
      await cache.delete(url);
    },
    urls: async () => (await cache.keys()).map((request) => request.url),
  };
}
