/**
 * Sending a student's model to the class, and loading a shared model on the instructor's page.
 * Both open the model's own document (sharedModel.ts) with y-websocket's provider and the class
 * session's credentials, only for as long as the transfer takes. What is loaded goes through the
 * store's importModel, the same path (and checks) as a model file dropped in the Models view.
 */
import * as authProtocol from 'y-protocols/auth';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { AppStore } from '../../state/store';
import type { ClassSession } from './classSession';
import { checkSharedModel, formatBytes, MAX_SHARED_MODEL_BYTES, MODEL_KEY, MODEL_ROOT, modelRoomName, readSharedMetas, type SharedModel } from './sharedModel';

export type TransferState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'working'; readonly detail: string }
  | { readonly phase: 'done'; readonly detail: string }
  | { readonly phase: 'failed'; readonly reason: string };

interface ModelDoc {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Why the relay refused an update or the connection (null: it has not). */
  refusal: string | null;
  close(): void;
}

/** Opens `student`'s model document with this page's class credentials. */
function openModelDoc(session: ClassSession, student: string, onChange: () => void): ModelDoc {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(session.url, modelRoomName(session.link.room, student), doc, { params: session.params, disableBc: true, maxBackoffTime: 4000 });
  const opened: ModelDoc = {
    doc,
    provider,
    refusal: null,
    close: () => {
      provider.destroy();
      doc.destroy();
    },
  };
  // The relay says why it refused an update with y-protocols' auth message; the provider only logs it.
  const AUTH = 2;
  provider.messageHandlers[AUTH] = (_encoder, decoder) =>
    authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => {
      opened.refusal = `the class relay refused it: ${reason}`;
      onChange();
    });
  provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
    opened.refusal = `the class relay closed the connection (${reason || code})`;
    onChange();
  });
  provider.on('status', onChange);
  provider.on('sync', onChange);
  return opened;
}

/** A transfer's state for React (one per page and purpose), with listeners. */
export class Transfer {
  state: TransferState = { phase: 'idle' };
  private readonly listeners = new Set<() => void>();

  set(state: TransferState): void {
    this.state = state;
    this.listeners.forEach((l) => l());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get busy(): boolean {
    return this.state.phase === 'working';
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Sends this tab's active model to the class: exported as the app's zip, written to the
 * student's model document, and "shared" once the relay lists it in the class document.
 * Offline-tolerant like the rest: while the relay is away it waits and says so.
 */
export async function shareModel(store: AppStore, session: ClassSession, transfer: Transfer, name: string): Promise<void> {
  const student = session.studentId;
  if (!student || transfer.busy) return;
  transfer.set({ phase: 'working', detail: 'Packing your model…' });
  let zip: Uint8Array;
  try {
    zip = (await store.exportModel()).bytes;
  } catch (error) {
    return transfer.set({ phase: 'failed', reason: `your model could not be packed (${message(error)})` });
  }
  if (zip.byteLength > MAX_SHARED_MODEL_BYTES) {
    return transfer.set({ phase: 'failed', reason: `your model is ${formatBytes(zip.byteLength)}, and the class takes models up to ${formatBytes(MAX_SHARED_MODEL_BYTES)} (a network with fewer filters or Dense units fits)` });
  }
  const sharedAt = Date.now();
  const size = formatBytes(zip.byteLength);
  await new Promise<void>((resolve) => {
    let opened: ModelDoc | null = null;
    const finish = (state: TransferState) => {
      unsubscribe();
      opened?.close();
      transfer.set(state);
      resolve();
    };
    const check = () => {
      if (!opened) return;
      const listed = readSharedMetas(session.doc).get(student);
      if (listed && listed.sharedAt === sharedAt) return finish({ phase: 'done', detail: `Shared with the class: ${listed.name}, ${formatBytes(listed.bytes)}, at ${new Date(sharedAt).toLocaleTimeString()}.` });
      if (opened.refusal) return finish({ phase: 'failed', reason: opened.refusal });
      if (session.doc.getMap('class').get('closed') === true) return finish({ phase: 'failed', reason: 'the class is closed' });
      const connected = opened.provider.wsconnected;
      transfer.set({ phase: 'working', detail: connected ? `Sending your model (${size})…` : `Waiting for the class relay to send your model (${size}); it goes as soon as the connection is back.` });
    };
    const unsubscribe = session.subscribe(check);
    opened = openModelDoc(session, student, check);
    const value = { v: 1, name: name.slice(0, 80), sharedAt, zip };
    opened.doc.getMap(MODEL_ROOT).set(MODEL_KEY, value);
    check();
  });
}

const LOAD_TIMEOUT_MS = 60_000;

/**
 * Fetches `student`'s shared model from the relay, checks it, and makes it the active model
 * through the store's import (the Models view's path); the Classify, Evaluate and Inside views use it.
 */
export async function loadSharedModel(store: AppStore, session: ClassSession, transfer: Transfer, student: { id: string; name: string }): Promise<void> {
  if (transfer.busy) return;
  transfer.set({ phase: 'working', detail: `Fetching ${student.name}'s model from the class relay…` });
  const fetched = await new Promise<{ ok: true; model: SharedModel } | { ok: false; problem: string }>((resolve) => {
    let opened: ModelDoc | null = null;
    let settled = false;
    const settle = (result: { ok: true; model: SharedModel } | { ok: false; problem: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opened?.close();
      resolve(result);
    };
    const timer = setTimeout(() => settle({ ok: false, problem: `the class relay did not send it within ${LOAD_TIMEOUT_MS / 1000} s` }), LOAD_TIMEOUT_MS);
    opened = openModelDoc(session, student.id, () => {
      if (!opened) return;
      if (opened.refusal) return settle({ ok: false, problem: opened.refusal });
      if (opened.provider.synced) settle(checkSharedModel(opened.doc.getMap(MODEL_ROOT).get(MODEL_KEY)));
    });
  });
  if (!fetched.ok) return transfer.set({ phase: 'failed', reason: fetched.problem });
  transfer.set({ phase: 'working', detail: `Loading ${student.name}'s model (${formatBytes(fetched.model.zip.byteLength)}) into this page…` });
  try {
    await store.importModel(fetched.model.zip, `${student.name} (class).zip`);
  } catch (error) {
    return transfer.set({ phase: 'failed', reason: message(error) });
  }
  transfer.set({ phase: 'done', detail: `${student.name}'s model (${fetched.model.name}) is now the active model: Classify, Evaluate and Inside the CNN use it.` });
}
