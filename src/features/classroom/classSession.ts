/**
 * This page's connection to its class: one Yjs document synced with the relay by y-websocket's
 * standard provider. Writes go to the local document first, so a student whose connection drops
 * keeps working and the provider sends everything when it is back.
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { classHash, readClassLink, relayUrl, studentSecret, type ClassLink } from './classLink';
import { studentIdForSecret } from './roomKeys';
import type { Assignment, StudentEntry } from './schema';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export class ClassSession {
  readonly doc = new Y.Doc();
  private readonly provider: WebsocketProvider;
  private readonly listeners = new Set<() => void>();
  status: ConnectionStatus = 'connecting';
  /** Why the relay turned this page away for good (wrong key, unknown class), or null. */
  refusal: string | null = null;
  /** Whether the document has been synced with the relay at least once. */
  everSynced = false;
  revision = 0;

  constructor(
    readonly link: ClassLink,
    readonly studentId: string | null,
    /** The relay's address and this page's credentials (a shared model's document is opened with them too). */
    readonly params: Record<string, string>,
    readonly url: string,
  ) {
    this.provider = new WebsocketProvider(url, link.room, this.doc, { params, disableBc: true, maxBackoffTime: 4000 });
    this.provider.on('status', ({ status }) => {
      this.status = status;
      this.changed();
    });
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.everSynced = true;
      this.changed();
    });
    this.provider.on('closed', ({ code, reason }) => {
      this.refusal = code === 4404 ? 'No class is open with this link: ask your instructor for a new one.' : `The class relay turned this page away (${reason || code}).`;
      this.changed();
    });
    this.doc.on('update', () => this.changed());
  }

  get isInstructor(): boolean {
    return this.link.key !== null;
  }

  private changed(): void {
    this.revision++;
    this.listeners.forEach((l) => l());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  writeAssignment(assignment: Assignment): void {
    this.doc.getMap('class').set('assignment', assignment);
  }

  closeClass(): void {
    this.doc.getMap('class').set('closed', true);
  }

  writeEntry(entry: StudentEntry): void {
    if (this.studentId) this.doc.getMap('entries').set(this.studentId, entry);
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}

export async function openSession(link: ClassLink, location: Location, basePath: string): Promise<ClassSession> {
  const url = relayUrl(location, basePath);
  if (link.key) return new ClassSession(link, null, { key: link.key }, url);
  const secret = studentSecret(link.room);
  return new ClassSession(link, await studentIdForSecret(secret), { student: secret }, url);
}

let current: { link: ClassLink; session: Promise<ClassSession> } | null | undefined;

/** The class this page is in (from its address, read once), connected on first use; null when none. */
export function currentClass(): { link: ClassLink; session: Promise<ClassSession> } | null {
  if (current === undefined) {
    const link = typeof window === 'undefined' ? null : readClassLink(window.location, window.history);
    current = link ? { link, session: openSession(link, window.location, import.meta.env.BASE_URL) } : null;
  }
  return current;
}

/** Joins `link` from this page (the instructor just opened a class): the address gets its hash. */
export function enterClass(link: ClassLink): { link: ClassLink; session: Promise<ClassSession> } {
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${classHash(link.room)}`);
  current = { link, session: openSession(link, window.location, import.meta.env.BASE_URL) };
  return current;
}
