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
// The benchmark runner (npm run bench) sets this flag before the page loads; no link can.
if ((window as { __PLAYGROUND_BENCH__?: unknown }).__PLAYGROUND_BENCH__ === true) {
  void import('./bench/harness').then((m) => m.installBenchHarness(store));
}
