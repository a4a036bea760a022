import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
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
// ?bench=1 exposes the in-page benchmark harness to `npm run bench` (not loaded otherwise).
if (new URLSearchParams(window.location.search).has('bench')) {
  void import('./bench/harness').then((m) => m.installBenchHarness(store));
}
