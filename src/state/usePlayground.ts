import { createContext, useContext, useSyncExternalStore } from 'react';
import type { PlaygroundStore } from './playgroundStore';
import type { AppState } from './types';

export const PlaygroundContext = createContext<PlaygroundStore | null>(null);

export function usePlaygroundStore(): PlaygroundStore {
  const store = useContext(PlaygroundContext);
  if (!store) throw new Error('usePlaygroundStore must be used inside <PlaygroundContext.Provider>');
  return store;
}

/** The current app state; re-renders the component when it changes. */
export function usePlayground(): AppState {
  const store = usePlaygroundStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
