/**
 * A class room's document on disk, so that a relay restart loses nothing: every accepted update
 * is appended to `<room>.ylog` (a 4-byte length, then the update) before it is passed on, and the
 * log is compacted into one snapshot update when it grows. A torn last record (the process
 * killed mid-write) is ignored on load; everything before it is kept.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';

const COMPACT_AFTER_RECORDS = 2000;
/**
 * Also compacted once the log holds this many bytes more than its last snapshot: a shared model
 * (about 1 MB) shared again replaces the old one in the document, but the log would keep both.
 */
const COMPACT_AFTER_BYTES = 8 * 1024 * 1024;

export class RoomLog {
  private records = 0;
  private bytesSinceSnapshot = 0;
  readonly path: string;

  constructor(dir: string, roomId: string) {
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, `${roomId}.ylog`);
  }

  exists(): boolean {
    return existsSync(this.path);
  }

  /** Applies every stored update to `doc`; returns how many were read. */
  load(doc: Y.Doc): number {
    if (!this.exists()) return 0;
    const bytes = readFileSync(this.path);
    const updates: Uint8Array[] = [];
    let at = 0;
    while (at + 4 <= bytes.length) {
      const length = bytes.readUInt32LE(at);
      if (at + 4 + length > bytes.length) break;
      updates.push(new Uint8Array(bytes.buffer, bytes.byteOffset + at + 4, length));
      at += 4 + length;
    }
    Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)), 'storage');
    this.records = updates.length;
    this.bytesSinceSnapshot = at;
    return updates.length;
  }

  append(update: Uint8Array, doc: Y.Doc): void {
    appendFileSync(this.path, record(update));
    this.bytesSinceSnapshot += update.byteLength;
    if (++this.records >= COMPACT_AFTER_RECORDS || this.bytesSinceSnapshot >= COMPACT_AFTER_BYTES) this.compact(doc);
  }

  /** Replaces the log by one snapshot of `doc` (written aside, then renamed over it). */
  compact(doc: Y.Doc): void {
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, record(Y.encodeStateAsUpdate(doc)));
    renameSync(temporary, this.path);
    this.records = 1;
    this.bytesSinceSnapshot = 0;
  }
}

function record(update: Uint8Array): Buffer {
  const out = Buffer.alloc(4 + update.length);
  out.writeUInt32LE(update.length, 0);
  out.set(update, 4);
  return out;
}
