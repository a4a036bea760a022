import { useEffect } from 'react';
import { useAppStore } from '../../state/hooks';
import type { AppStore } from '../../state/store';
import type { ClassSession } from './classSession';
import { currentClass } from './classSession';
import { StudentSync } from './studentSync';
import { useResolved } from './useClass';

let sync: { session: ClassSession; sync: StudentSync } | null = null;

/** The page's one StudentSync (it lives as long as the page, whichever view is shown). */
export function studentSyncFor(session: ClassSession, store: AppStore): StudentSync {
  if (sync?.session !== session) sync = { session, sync: new StudentSync(store, session) };
  return sync.sync;
}

/**
 * Mounted by the shell whenever the address names a class: connects to it and, for a student,
 * keeps the class in step with this tab's runs from every view. Renders nothing.
 */
export function ClassHost() {
  const store = useAppStore();
  const joined = currentClass();
  const session = useResolved(joined?.session ?? null);
  useEffect(() => {
    if (session && !session.isInstructor) studentSyncFor(session, store);
  }, [session, store]);
  return null;
}
