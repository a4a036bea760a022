import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { connectAppShell } from './app/connectAppShell';
import { createApp } from './app/createStore';
import { StoreContext } from './state/hooks';

const { store, engine } = createApp();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
store.start();
// The service worker (offline use, WASM threads on hosts without COOP/COEP), after the app has started.
connectAppShell(store);
// The benchmark runner (npm run bench) sets this flag before the page loads; no link can. Only
// its build (vite.bench.config.ts, mode 'bench') has the harness: production drops this branch.
if (import.meta.env.MODE === 'bench' && (window as { __PLAYGROUND_BENCH__?: unknown }).__PLAYGROUND_BENCH__ === true) {
  void import('./bench/harness').then((m) => m.installBenchHarness(store, engine));
}
// End-to-end tests set this flag the same way, for the one thing no user action can do: lose the GPU.
if ((window as { __PLAYGROUND_TEST__?: unknown }).__PLAYGROUND_TEST__ === true) {
  void import('./app/testHooks').then((m) => m.installTestHooks(engine));
}
