import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { createPlaygroundStore } from './app/createStore';
import { PlaygroundContext } from './state/usePlayground';

const store = createPlaygroundStore();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PlaygroundContext.Provider value={store}>
      <App />
    </PlaygroundContext.Provider>
  </StrictMode>,
);
void store.start();
// ?bench=1 exposes the in-page benchmark harness to `npm run bench` (not loaded otherwise).
if (new URLSearchParams(window.location.search).has('bench')) {
  void import('./bench/harness').then((m) => m.installBenchHarness(store));
}
