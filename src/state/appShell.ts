/** The page-only state of the installed app: its service worker, a waiting update, persistent storage. */
export interface AppShellState {
  /**
   * off: no service worker here (the development server, or a browser without them; `offReason`
   * says which); installing: the app's files are being stored; ready: the app starts offline;
   * error: registration failed (`offReason`).
   */
  readonly worker: 'off' | 'installing' | 'ready' | 'error';
  readonly offReason: string | null;
  /** A new version is installed and waits until the user reloads. */
  readonly updateReady: boolean;
  /** Whether the browser promised to keep this site's storage (navigator.storage.persist()); null: not asked yet. */
  readonly persisted: boolean | null;
}

export const INITIAL_APP_SHELL: AppShellState = { worker: 'off', offReason: null, updateReady: false, persisted: null };
