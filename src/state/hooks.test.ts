// @vitest-environment happy-dom
import { act, createElement, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import type { EngineConnection } from '../protocol/connection';
import type { EngineEvent } from '../protocol/messages';
import { DEFAULT_RUN_CONFIG } from '../ml/config/runConfig';
import { initialAppState } from './appState';
import { StoreContext, useAppSelector } from './hooks';
import { AppStore } from './store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('useAppSelector', () => {
  it('re-renders a component only when what it selects changes', () => {
    const listeners = new Set<(e: EngineEvent) => void>();
    const connection: EngineConnection = {
      send: () => {},
      listen: (l) => (listeners.add(l), () => listeners.delete(l)),
      request: () => Promise.reject(new Error('unused')),
      close: () => {},
    };
    const store = new AppStore(initialAppState({ config: DEFAULT_RUN_CONFIG, problems: [] }), connection, { dataBaseUrl: '/', decoder: 'auto' });
    const renders = { backend: 0, batches: 0 };
    function Backend() {
      renders.backend++;
      return createElement('span', null, useAppSelector((s) => s.backend.status));
    }
    function Batches() {
      renders.batches++;
      return createElement('span', null, useAppSelector((s) => s.training.batches.length));
    }
    const root = createRoot(document.createElement('div'));
    act(() => root.render(createElement(StrictMode, null, createElement(StoreContext.Provider, { value: store }, createElement(Backend), createElement(Batches)))));
    const initial = { ...renders };
    const progress = { ...initialAppState({ config: DEFAULT_RUN_CONFIG, problems: [] }).training, status: 'training' as const };
    act(() => {
      for (let step = 1; step <= 5; step++) listeners.forEach((l) => l({ type: 'progress', progress, batches: [{ step, epoch: 0, loss: 1, accuracy: 0.5 }] }));
    });
    expect(renders.backend).toBe(initial.backend);
    expect(renders.batches).toBeGreaterThan(initial.batches);
    act(() => root.unmount());
  });
});
