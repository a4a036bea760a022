/** Wires the store to the browser: the engine (in its worker), the address bar. */
import { parseUrlState, serializeUrlState } from '../ml/config/urlState';
import { initialAppState } from '../state/appState';
import { AppStore } from '../state/store';
import { instructorFromSearch, INSTRUCTOR_PARAM } from '../ml/config/instructorParam';
import { startEngine } from './startEngine';
import { DEFAULT_VIEW, VIEW_PARAM, viewFromSearch } from '../state/views';

export function createAppStore(): AppStore {
  const search = window.location.search;
  const parsed = parseUrlState(search);
  const { view, problem: viewProblem } = viewFromSearch(search);
  let store: AppStore | null = null;
  const engine = startEngine((reason) => {
    // Shown in the backend details: the page now computes, so it may pause during batches.
    const note = `${reason} The engine runs on the page instead, which may make it pause during training.`;
    queueMicrotask(() => store?.noteEngineThread(note));
  });
  const problems = viewProblem ? [...parsed.problems, viewProblem] : parsed.problems;
  store = new AppStore(initialAppState({ ...parsed, problems }, { instructor: instructorFromSearch(search), view }), engine, {
    dataBaseUrl: `${import.meta.env.BASE_URL}data/`,
    // ?decoder=pure skips the canvas path (useful to compare, and for browsers that alter pixels).
    pretrainedUrl: `${import.meta.env.BASE_URL}models/pretrained/`,
    decoder: new URLSearchParams(search).get('decoder') === 'pure' ? 'pure' : 'auto',
    onSettingsChange: (config, spec, ui) => {
      const url = new URL(window.location.href);
      const extra = new URLSearchParams(url.search);
      const query = new URLSearchParams(serializeUrlState(config, spec));
      // Parameters that are not settings (the decoder choice) survive the rewrite.
      if (extra.has('decoder')) query.set('decoder', extra.get('decoder')!);
      if (ui.instructor) query.set(INSTRUCTOR_PARAM, '1');
      if (ui.view !== DEFAULT_VIEW) query.set(VIEW_PARAM, ui.view);
      url.search = query.toString();
      window.history.replaceState(null, '', url);
    },
  });
  return store;
}
