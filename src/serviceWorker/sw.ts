/// <reference lib="webworker" />
/**
 * The app's service worker (built by vite-plugin-pwa's injectManifest from this file):
 * - precaches the app shell, the engine's worker, the WebAssembly binaries and threads worker
 *   files, the icons, the data manifest and the pretrained model (Workbox precaching; the list
 *   and revisions are injected at build time), so the page loads and classifies offline;
 * - adds COOP/COEP to everything it serves, cached or not (isolation.ts), so WASM runs on
 *   threads where the host sends no such headers;
 * - waits after an update until the page asks it to take over (the page asks only when the
 *   user chooses to reload, and never during a training run).
 * The dataset's sheets are not precached: the engine keeps its own verified copy of them
 * (src/ml/data/offlineCopy.ts), so the first load stays fast.
 */
import { clientsClaim, type WorkboxPlugin } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { isAppNavigation, withIsolationHeaders } from './isolation';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

const isolation: WorkboxPlugin = { handlerWillRespond: async ({ response }) => withIsolationHeaders(response) };

addPlugins([isolation]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

const scope = new URL(self.registration.scope);
// The page itself, whatever its query (?trainSize=…&view=…), from the precache.
registerRoute(({ url, request }) => request.mode === 'navigate' && isAppNavigation(url, scope), createHandlerBoundToURL('index.html'));
// Scripts and workers of ours that are not precached (none in a normal build) still get the headers.
registerRoute(
  ({ url, request }) => url.origin === self.location.origin && ['document', 'worker', 'sharedworker', 'script'].includes(request.destination),
  new NetworkOnly({ plugins: [isolation] }),
);

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// On the first install, control the page at once (its later requests are then served offline);
// an update waits for SKIP_WAITING instead.
clientsClaim();
