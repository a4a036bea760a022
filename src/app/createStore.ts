/** Wires the store to the browser: the engine (in its worker), the address bar. */
import { canonicalSearch } from '../address/urlState';
import { addressAtStart } from '../platform/addressGuard';
import { keepExperimentResults } from '../features/lessons/lessonProgress';
import { initialAppState } from '../state/appState';
import { parseRuns, RUN_HISTORY_KEY, serializeRuns } from '../state/runHistory';
import { AppStore } from '../state/store';
import type { EngineConnection } from '../protocol/connection';
import { startEngine } from './startEngine';

/** `path` under the app's location (Vite's base is './', so the build works under any sub-path). */
function appUrl(path: string): string {
  return new URL(`${import.meta.env.BASE_URL}${path}`, document.baseURI).href;
}

/** The store, and the engine connection behind it (the benchmark and test hooks talk to it directly). */
export function createApp(): { store: AppStore; engine: EngineConnection } {
  // The address as opened (its problems included): it has been rewritten to its canonical form since.
  const parsed = addressAtStart.parsed;
  let store: AppStore | null = null;
  const engine = startEngine((reason) => {
    // Shown in the backend details: the page now computes, so it may pause during batches.
    const note = `${reason} The engine runs on the page instead, which may make it pause during training.`;
    queueMicrotask(() => store?.noteEngineThread(note));
  });
  const initial = initialAppState(parsed, { instructor: parsed.view.instructor === true, view: parsed.view.page });
  store = new AppStore({ ...initial, runs: readStoredRuns() }, engine, {
    // Absolute URLs: the engine's worker resolves them from assets/, not from the page's folder.
    dataBaseUrl: appUrl('data/'),
    pretrainedUrl: appUrl('models/pretrained/'),
    // ?decoder=pure skips the canvas path (useful to compare, and for browsers that alter pixels).
    decoder: parsed.view.decoder,
    onSettingsChange: (config, spec, ui) => {
      const url = new URL(window.location.href);
      // The address's parameter table writes it all; the decoder choice is the address's own and stays.
      url.search = canonicalSearch({ config, spec, view: { decoder: parsed.view.decoder, instructor: ui.instructor ? true : null, page: ui.view } });
      window.history.replaceState(null, '', url);
    },
  });
  keepRunsStored(store);
  // The lessons' finished runs survive a reload, whichever view is open when they finish.
  keepExperimentResults(store);
  return { store, engine };
}

/** Runs finished or stopped in earlier visits (none where the storage is off or holds nothing readable). */
function readStoredRuns() {
  try {
    return parseRuns(window.localStorage.getItem(RUN_HISTORY_KEY));
  } catch {
    return [];
  }
}

/** Writes the runs whenever the list changes (a run ended, one was removed). */
function keepRunsStored(store: AppStore): void {
  let saved = store.getState().runs;
  store.subscribe(() => {
    const runs = store.getState().runs;
    if (runs === saved) return;
    saved = runs;
    try {
      window.localStorage.setItem(RUN_HISTORY_KEY, serializeRuns(runs));
    } catch {
      // Storage full or off (private mode): the runs stay for this visit only.
    }
  });
}
