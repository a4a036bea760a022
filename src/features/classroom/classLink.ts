/**
 * A class in the address: `#class=<room id>` for students, `#class=<room id>&key=<key>` in the
 * instructor's link. The fragment never leaves the browser (it is not sent to the server, nor
 * in a Referer), and the strict query parser never sees it. The instructor's key is moved out
 * of the address bar into this browser's storage as soon as the page reads it, so a projected
 * address bar never shows it.
 */
import { isInstructorKey, isRoomId, isStudentSecret, randomToken, STUDENT_SECRET_BYTES } from './roomKeys';

export interface ClassLink {
  readonly room: string;
  /** The instructor's key, when this browser holds it. */
  readonly key: string | null;
}

const KEY_STORAGE = (room: string) => `fmnist-class-key:${room}`;
const SECRET_STORAGE = (room: string) => `fmnist-class-student:${room}`;

/** Parses a location hash ('#class=…&key=…'); null when it names no valid class. */
export function parseClassHash(hash: string): { room: string; key: string | null } | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const room = params.get('class');
  if (!isRoomId(room)) return null;
  const key = params.get('key');
  return { room, key: isInstructorKey(key) ? key : null };
}

export const classHash = (room: string, key: string | null = null): string => (key ? `#class=${room}&key=${key}` : `#class=${room}`);

/** The page's address for a class: the app's address with ?view=class (and ?instructor=1 for the instructor). */
export function classHref(base: string, room: string, key: string | null): string {
  const url = new URL(base);
  url.search = key ? '?view=class&instructor=1' : '?view=class';
  url.hash = classHash(room, key);
  return url.toString();
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * The class this page belongs to, read once from the address: a key found there is kept in
 * localStorage and removed from the address bar; a key kept earlier makes this browser the
 * instructor again after a reload.
 */
export function readClassLink(location: Location, history: History): ClassLink | null {
  const parsed = parseClassHash(location.hash);
  if (!parsed) return null;
  const store = storage();
  if (parsed.key) {
    store?.setItem(KEY_STORAGE(parsed.room), parsed.key);
    history.replaceState(history.state, '', `${location.pathname}${location.search}${classHash(parsed.room)}`);
  }
  const kept = store?.getItem(KEY_STORAGE(parsed.room)) ?? null;
  return { room: parsed.room, key: parsed.key ?? (isInstructorKey(kept) ? kept : null) };
}

export function rememberInstructorKey(room: string, key: string): void {
  storage()?.setItem(KEY_STORAGE(room), key);
}

/** This browser's secret for `room` (made once, kept, so a reload stays the same student). */
export function studentSecret(room: string): string {
  const store = storage();
  const kept = store?.getItem(SECRET_STORAGE(room));
  if (isStudentSecret(kept)) return kept;
  const secret = randomToken(STUDENT_SECRET_BYTES);
  store?.setItem(SECRET_STORAGE(room), secret);
  return secret;
}

/**
 * The relay's address for this page: same origin, so connect-src 'self' covers it. `basePath` is
 * the app's base (Vite's BASE_URL: './' in the build, '/' in dev), resolved against the page, so
 * the app works under any sub-path.
 */
export function relayUrl(location: Pick<Location, 'href' | 'protocol'>, basePath: string): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const base = new URL(basePath.endsWith('/') ? basePath : `${basePath}/`, location.href);
  return `${protocol}//${base.host}${base.pathname}class-relay`;
}

/** Whether the page's address names a class (cheap: the shell asks before loading the class code). */
export function hasClassLink(): boolean {
  return typeof window !== 'undefined' && parseClassHash(window.location.hash) !== null;
}
