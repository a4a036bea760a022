/**
 * Wires the installed app to the store: the service worker's events, the waiting update (which
 * never reloads the page under a running training), and persistent storage, asked once the
 * dataset's offline copy is complete.
 */
import { askPersistentStorage, startServiceWorker } from '../platform/serviceWorker';
import { selectBusy } from '../state/selectors';
import type { AppStore } from '../state/store';

export function connectAppShell(store: AppStore): void {
  let reloadWhenIdle = false;
  let askedPersist = false;
  const reloadSafely = () => {
    if (selectBusy(store.getState())) reloadWhenIdle = true;
    else location.reload();
  };
  store.subscribe(() => {
    const s = store.getState();
    if (reloadWhenIdle && !selectBusy(s)) {
      reloadWhenIdle = false;
      location.reload();
    }
    if (!askedPersist && s.data.offline.status === 'complete') {
      askedPersist = true;
      void askPersistentStorage().then((persisted) => store.noteAppShell({ persisted }));
    }
  });
  startServiceWorker({
    onOff: (reason) => store.noteAppShell({ worker: 'off', offReason: reason }),
    onInstalling: () => store.noteAppShell({ worker: 'installing' }),
    onOfflineReady: () => store.noteAppShell({ worker: 'ready', offReason: null }),
    onUpdateReady: () => store.noteAppShell({ updateReady: true }),
    onNeedReload: reloadSafely,
    onError: (message) => store.noteAppShell({ worker: 'error', offReason: message }),
  });
}
