/**
 * React's view of the store: components read only what they select and re-render only when
 * that changes (by Object.is, or the equality given).
 */
import { createContext, useContext, useRef, useSyncExternalStore } from 'react';
import type { AppState } from './appState';
import type { AppStore } from './store';

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore must be used inside <StoreContext.Provider>');
  return store;
}

/** Equal when both objects have the same keys with Object.is-equal values. */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keysA = Object.keys(a) as (keyof T)[];
  return keysA.length === Object.keys(b).length && keysA.every((k) => Object.is(a[k], b[k]));
}

export function useAppSelector<T>(selector: (state: AppState) => T, isEqual: (a: T, b: T) => boolean = Object.is): T {
  const store = useAppStore();
  const cache = useRef<{ state: AppState; selector: (state: AppState) => T; value: T } | null>(null);
  const select = (): T => {
    const state = store.getState();
    const cached = cache.current;
    if (cached && cached.state === state && cached.selector === selector) return cached.value;
    const value = selector(state);
    const kept = cached && isEqual(cached.value, value) ? cached.value : value;
    cache.current = { state, selector, value: kept };
    return kept;
  };
  return useSyncExternalStore(store.subscribe, select);
}
