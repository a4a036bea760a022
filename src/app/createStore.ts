/** Wires the store to the browser: the engine (in its worker), the address bar. */
import { INSTRUCTOR_PARAM } from '../ml/config/instructorParam';
import { serializeUrlState } from '../ml/config/urlState';
import { DEFAULT_VIEW, VIEW_PARAM } from '../ml/config/viewParam';
import { addressAtStart } from '../platform/addressGuard';
import { keepExperimentResults } from '../features/lessons/lessonProgress';
import { initialAppState } from '../state/appState';
import { AppStore } from '../state/store';
import { startEngine } from './startEngine';

export function createAppStore(): AppStore {
  // The address as opened (its problems included): it has been rewritten to its canonical form since.
  const parsed = addressAtStart.parsed;
  let store: AppStore | null = null;
  const engine = startEngine((reason) => {
    // Shown in the backend details: the page now computes, so it may pause during batches.
    const note = `${reason} The engine runs on the page instead, which may make it pause during training.`;
    queueMicrotask(() => store?.noteEngineThread(note));
  });
  store = new AppStore(initialAppState(parsed, { instructor: parsed.view.instructor === true, view: parsed.view.page }), engine, {
    dataBaseUrl: `${import.meta.env.BASE_URL}data/`,
    pretrainedUrl: `${import.meta.env.BASE_URL}models/pretrained/`,
    // ?decoder=pure skips the canvas path (useful to compare, and for browsers that alter pixels).
    decoder: parsed.view.decoder,
    onSettingsChange: (config, spec, ui) => {
      const url = new URL(window.location.href);
      const query = new URLSearchParams(serializeUrlState(config, spec));
      // Parameters that are not settings of the run survive the rewrite.
      if (parsed.view.decoder !== 'auto') query.set('decoder', parsed.view.decoder);
      if (ui.instructor) query.set(INSTRUCTOR_PARAM, '1');
      if (ui.view !== DEFAULT_VIEW) query.set(VIEW_PARAM, ui.view);
      url.search = query.toString();
      window.history.replaceState(null, '', url);
    },
  });
  // The lessons' finished runs survive a reload, whichever view is open when they finish.
  keepExperimentResults(store);
  return store;
}
