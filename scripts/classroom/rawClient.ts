/**
 * A bare Node client of the class relay (the Yjs sync protocol over `ws`), for tests and the
 * load script: it syncs a local document, sends what is written to it, and can also send any
 * bytes at all (a hostile client).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';

const LOCAL = Symbol('local');

export class RawClassClient {
  readonly doc = new Y.Doc();
  readonly denied: string[] = [];
  closeCode: number | null = null;
  private synced = false;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOCAL) this.send(encode((e) => syncProtocol.writeUpdate(e, update)));
      this.wake();
    });
    socket.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
    socket.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  /** Connects to `url` (ws://host:port/class-relay/<room>?student=… or ?key=…) and waits for the first sync. */
  static async connect(url: string): Promise<RawClassClient> {
    const socket = new WebSocket(url);
    const client = new RawClassClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    client.send(encode((e) => syncProtocol.writeSyncStep1(e, client.doc)));
    await client.waitFor(() => client.synced || client.closeCode !== null, 20_000, 'the first sync');
    return client;
  }

  private receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, 'remote');
      if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder));
      if (syncType === syncProtocol.messageYjsSyncStep2) this.synced = true;
    } else if (type === 2) {
      decoding.readVarUint(decoder);
      this.denied.push(decoding.readVarString(decoder));
    }
    this.wake();
  }

  /** Writes to the local document; the change is sent to the relay. */
  write(change: (doc: Y.Doc) => void): void {
    this.doc.transact(() => change(this.doc), LOCAL);
  }

  /** Sends a Yjs update as it is (no local document involved). */
  sendUpdate(update: Uint8Array): void {
    this.send(encode((e) => syncProtocol.writeUpdate(e, update)));
  }

  send(bytes: Uint8Array): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(bytes);
  }

  private wake(): void {
    this.waiters.forEach((w) => w());
  }

  /** Resolves when `predicate` holds (checked after every message), or rejects after `timeoutMs` naming `what`. */
  waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  close(): void {
    this.socket.close();
  }
}

function encode(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  write(encoder);
  return encoding.toUint8Array(encoder);
}
