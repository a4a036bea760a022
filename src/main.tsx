import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { connectAppShell } from './app/connectAppShell';
import { createAppStore } from './app/createStore';
import { StoreContext } from './state/hooks';

const store = createAppStore();
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
// The benchmark runner (npm run bench) sets this flag before the page loads; no link can.
if ((window as { __PLAYGROUND_BENCH__?: unknown }).__PLAYGROUND_BENCH__ === true) {
  void import('./bench/harness').then((m) => m.installBenchHarness(store));
}
