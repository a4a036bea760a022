/**
 * Registers the app's service worker (src/serviceWorker/sw.ts, built by vite-plugin-pwa) and
 * reports what it does; asks the browser to keep this site's storage. Under `npm run dev` no
 * worker is registered, and one left over from a build served on the same address is removed.
 */
import { registerSW } from 'virtual:pwa-register';

export interface ServiceWorkerEvents {
  /** No worker here: why (development server, no support). */
  onOff(reason: string): void;
  onInstalling(): void;
  /** The app's files are stored: it starts offline from now on. */
  onOfflineReady(): void;
  /** A new version is installed and waits for applyUpdate(). */
  onUpdateReady(): void;
  /** A new version has taken over (here after applyUpdate(), or from another tab): the page should reload when it safely can. */
  onNeedReload(): void;
  onError(message: string): void;
}

let update: (() => Promise<void>) | null = null;

export function startServiceWorker(events: ServiceWorkerEvents): void {
  if (import.meta.env.DEV) {
    void removeStaleWorkers();
    events.onOff('Offline use is off on the development server (npm run dev): run a build to try it.');
    return;
  }
  if (!('serviceWorker' in navigator)) {
    events.onOff('This browser cannot keep the app for offline use (it has no service workers, or they are blocked here).');
    return;
  }
  events.onInstalling();
  let updateWaiting = false;
  // The waiting version took over (asked for here, or in another tab of the app). Watched here
  // rather than through workbox-window's "controlling" event, which calls a takeover on a page
  // whose first visit installed the worker no update.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (updateWaiting) events.onNeedReload();
  });
  const updateSW = registerSW({
    immediate: true,
    onOfflineReady: events.onOfflineReady,
    onNeedRefresh: () => {
      updateWaiting = true;
      events.onUpdateReady();
    },
    // The page decides when to reload (never during a run): see the controllerchange listener.
    onNeedReload: () => {},
    onRegisteredSW: (_url, registration) => {
      // A returning visit: the worker installed earlier is active, so the app already starts offline.
      if (registration?.active) events.onOfflineReady();
    },
    onRegisterError: (error: unknown) => events.onError(`The app could not be set up for offline use: ${(error as Error)?.message ?? String(error)}.`),
  });
  update = () => updateSW(true);
}

/** Lets the waiting version take over; onNeedReload follows. */
export async function applyUpdate(): Promise<void> {
  await update?.();
  // Also straight to the registration's waiting worker, in case workbox-window's view of it is stale.
  (await navigator.serviceWorker.getRegistration())?.waiting?.postMessage({ type: 'SKIP_WAITING' });
}

/**
 * Asks the browser to keep this site's storage (the offline copy) under storage pressure.
 * true: promised; false: the browser may evict it; null: the browser has no such API.
 */
export async function askPersistentStorage(): Promise<boolean | null> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persist) return null;
  try {
    return (await storage.persisted?.()) === true || (await storage.persist());
  } catch {
    return false;
  }
}

const STALE_RELOAD_KEY = 'playground-removed-stale-service-worker';

/**
 * The development server never registers a worker; one from a build once served on this
 * address would keep answering with that build. Remove it, and reload once if it controls
 * this page (a session flag prevents any loop).
 */
async function removeStaleWorkers(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registrations = await navigator.serviceWorker.getRegistrations();
  if (registrations.length === 0) return;
  await Promise.all(registrations.map((r) => r.unregister()));
  if (navigator.serviceWorker.controller && sessionStorage.getItem(STALE_RELOAD_KEY) === null) {
    sessionStorage.setItem(STALE_RELOAD_KEY, '1');
    location.reload();
  }
}
