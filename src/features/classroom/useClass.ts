/** React's view of the class: the session once connected, and its checked snapshot (redrawn at most twice a second). */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ClassSession } from './classSession';
import { EMPTY_SNAPSHOT, readSnapshot, type ClassSnapshot } from './classSnapshot';

export function useResolved<T>(promise: Promise<T> | null): T | null {
  const [value, setValue] = useState<{ promise: Promise<T>; value: T } | null>(null);
  useEffect(() => {
    if (!promise) return;
    let live = true;
    void promise.then((v) => live && setValue({ promise, value: v }));
    return () => {
      live = false;
    };
  }, [promise]);
  return value && value.promise === promise ? value.value : null;
}

/** Re-renders on every change of the session (status, document). */
export function useSessionRevision(session: ClassSession | null): number {
  return useSyncExternalStore(
    (listener) => session?.subscribe(listener) ?? (() => undefined),
    () => session?.revision ?? 0,
  );
}

/** Re-renders only when the connection's state changes, not on every document update (60 a second in a full class). */
export function useSessionStatus(session: ClassSession): string {
  return useSyncExternalStore(session.subscribe, () => `${session.status}|${session.everSynced}|${session.refusal ?? ''}`);
}

const SNAPSHOT_INTERVAL_MS = 500;

/** The class snapshot, recomputed at most every 500 ms however fast updates arrive. */
export function useClassSnapshot(session: ClassSession | null): ClassSnapshot {
  const [snapshot, setSnapshot] = useState<ClassSnapshot>(EMPTY_SNAPSHOT);
  useEffect(() => {
    if (!session) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const refresh = () => {
      timer = null;
      last = performance.now();
      setSnapshot(readSnapshot(session.doc));
    };
    const schedule = () => {
      if (timer !== null) return;
      timer = setTimeout(refresh, Math.max(0, SNAPSHOT_INTERVAL_MS - (performance.now() - last)));
    };
    refresh();
    const unsubscribe = session.subscribe(schedule);
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [session]);
  return snapshot;
}
