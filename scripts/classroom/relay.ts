/**
 * The class relay: the standard Yjs sync protocol (y-protocols, as y-websocket's server speaks
 * it) over WebSockets, one document per class room, with two additions the stock server has no
 * hook for: every incoming update passes updateGuard.ts before it is applied, stored or passed
 * on, and the relay itself writes the roster (who joined, in which order, who is online) and a
 * note for every refused update, which the class view shows.
 *
 * Connections: `<base>/class-relay/<room id>?key=<instructor key>` or `?student=<student secret>`.
 * A room exists once its instructor has connected (then it is stored); students of an unknown
 * room are turned away. A student's shared model has a document of its own,
 * `<room id>.model.<student id>` (src/features/classroom/sharedModel.ts), which only that student
 * and the instructor may open and only that student may write; once an update to it is stored,
 * the relay lists the model in the class document's `shared` map.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { isInstructorKey, isRoomId, isStudentSecret, roomIdForKey, studentIdForSecret } from '../../src/features/classroom/roomKeys';
import { RoomLog } from './persistence';
import { checkSharedModel, MODEL_KEY, MODEL_ROOT, parseModelRoomName, SHARED_ROOT } from '../../src/features/classroom/sharedModel';
import { CLASS_LAYOUT, checkUpdate, MAX_MODEL_UPDATE_BYTES, modelLayout, ownersFromDoc, RELAY_OWNER, ROOTS, type Layout, type Role } from './updateGuard';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
/** Largest message accepted in a class document; bigger ones close the connection (a summary is a few kB). */
export const MAX_MESSAGE_BYTES = 256 * 1024;
/** Largest message accepted in a model document (a shared model, sharedModel.ts). */
const MAX_MODEL_MESSAGE_BYTES = MAX_MODEL_UPDATE_BYTES + 1024;
/** Refused updates a connection may send before it is closed. */
const MAX_REFUSALS = 3;
const MAX_NOTES = 50;
const PING_MS = 30_000;

const RELAY_PATH = /\/class-relay\/([^/?#]+)$/;

export interface RelayOptions {
  readonly dataDir: string;
  readonly log?: (line: string) => void;
}

interface Connection {
  readonly role: Role;
  refusals: number;
  alive: boolean;
  /** Updates that build on data this connection has not sent yet, oldest first (retried after each update it sends). */
  readonly held: Uint8Array[];
  /** Yjs client ids of refused updates: what builds on them is refused too (it could never apply). */
  readonly tainted: Set<number>;
}

/** Held updates per connection before the oldest is refused. */
const MAX_HELD = 64;

/** What makes a model document's room different: its class, its owner, its rules. */
interface ModelOf {
  readonly parent: Room;
  readonly owner: string;
}

class Room {
  readonly doc = new Y.Doc();
  readonly owners: Map<number, string>;
  readonly connections = new Map<WebSocket, Connection>();
  readonly layout: Layout;
  readonly maxMessageBytes: number;
  private noteCounter = 0;

  constructor(
    readonly id: string,
    private readonly storage: RoomLog,
    private readonly log?: (line: string) => void,
    readonly modelOf: ModelOf | null = null,
    private readonly onEmpty?: () => void,
  ) {
    this.layout = modelOf ? modelLayout(modelOf.owner) : CLASS_LAYOUT;
    this.maxMessageBytes = modelOf ? MAX_MODEL_MESSAGE_BYTES : MAX_MESSAGE_BYTES;
    storage.load(this.doc);
    this.owners = ownersFromDoc(this.doc);
    this.owners.set(this.doc.clientID, RELAY_OWNER);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      // Stored before it is passed on: what anyone saw survives a restart.
      this.storage.append(update, this.doc);
      const message = encodeSync((encoder) => syncProtocol.writeUpdate(encoder, update));
      // A student's update goes to the instructor's screens only: students do not need each
      // other's runs live (a reconnecting student still gets the whole document), and sending
      // every update to every student would grow as the square of the class.
      const fromStudent = this.connections.get(origin as WebSocket)?.role.kind === 'student';
      for (const [socket, connection] of this.connections) {
        if (socket === origin || (fromStudent && connection.role.kind === 'student')) continue;
        send(socket, message);
      }
    });
    if (!storage.exists()) storage.compact(this.doc);
    if (modelOf) return;
    // Whoever was online when the relay stopped is not any more.
    const roster = this.doc.getMap<{ slot: number; joinedAt: number; online: boolean }>(ROOTS.roster);
    this.doc.transact(() => {
      for (const [id, entry] of roster) if (entry.online) roster.set(id, { ...entry, online: false });
    }, RELAY_OWNER);
  }

  get closed(): boolean {
    if (this.modelOf) return this.modelOf.parent.closed;
    return this.doc.getMap(ROOTS.class).get('closed') === true;
  }

  join(socket: WebSocket, role: Role): void {
    this.connections.set(socket, { role, refusals: 0, alive: true, held: [], tainted: new Set() });
    if (role.kind === 'student' && !this.modelOf) this.setOnline(role.id, true);
    // Our state vector (the client answers with what we miss) and everything we have (step 2 on its step 1).
    send(socket, encodeSync((encoder) => syncProtocol.writeSyncStep1(encoder, this.doc)));
  }

  /** Set when the relay shuts down: nothing more is written. */
  shuttingDown = false;

  leave(socket: WebSocket): void {
    const connection = this.connections.get(socket);
    this.connections.delete(socket);
    if (this.modelOf) {
      // A model document is opened to share or to load one model: nobody needs it in memory after.
      if (this.connections.size === 0) this.onEmpty?.();
      return;
    }
    if (connection?.role.kind === 'student' && !this.shuttingDown) {
      const id = connection.role.id;
      const stillHere = [...this.connections.values()].some((c) => c.role.kind === 'student' && c.role.id === id);
      if (!stillHere) this.setOnline(id, false);
    }
  }

  private setOnline(id: string, online: boolean): void {
    const roster = this.doc.getMap<{ slot: number; joinedAt: number; online: boolean }>(ROOTS.roster);
    const entry = roster.get(id);
    this.doc.transact(() => {
      if (entry) {
        if (entry.online !== online) roster.set(id, { ...entry, online });
      } else roster.set(id, { slot: roster.size, joinedAt: Date.now(), online });
    }, RELAY_OWNER);
  }

  note(text: string, student: string | null): void {
    if (this.modelOf) return this.modelOf.parent.note(text, student);
    const notes = this.doc.getMap<{ at: number }>(ROOTS.notes);
    this.doc.transact(() => {
      notes.set(`${Date.now().toString(36)}-${(this.noteCounter++).toString(36)}`, { at: Date.now(), text, student });
      const keys = [...notes.entries()].sort((a, b) => a[1].at - b[1].at).map(([key]) => key);
      for (const key of keys.slice(0, Math.max(0, keys.length - MAX_NOTES))) notes.delete(key);
    }, RELAY_OWNER);
  }

  receive(socket: WebSocket, data: Uint8Array): string | null {
    const connection = this.connections.get(socket);
    if (!connection) return null;
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_AWARENESS) {
      // Presence comes from the roster, written here; the echo only tells the sender's
      // watchdog (which reconnects after 30 s of silence) that the line is alive.
      send(socket, data);
      return null;
    }
    if (type !== MESSAGE_SYNC) return `message type ${type} is not understood`;
    const syncType = decoding.readVarUint(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      send(socket, encodeSync((encoder) => syncProtocol.readSyncStep1(decoder, encoder, this.doc)));
      return null;
    }
    if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) return `sync message ${syncType} is not understood`;
    const update = decoding.readVarUint8Array(decoder);
    const clients = [...Y.parseUpdateMeta(update).to.keys()];
    if (clients.some((c) => connection.tainted.has(c))) return 'it builds on an update that was refused';
    const verdict = checkUpdate(this.doc, this.owners, update, connection.role, this.closed, this.layout);
    if (!verdict.ok) {
      if (!verdict.missing) {
        clients.forEach((c) => connection.tainted.add(c));
        return verdict.reason;
      }
      connection.held.push(update);
      if (connection.held.length > MAX_HELD) {
        connection.held.shift();
        return `${verdict.reason}, and ${MAX_HELD} later updates waited for it`;
      }
      return null;
    }
    this.apply(socket, connection, update, verdict.bind);
    return null;
  }

  private apply(socket: WebSocket, connection: Connection, update: Uint8Array, bind: ReadonlyMap<number, string>): void {
    for (const [client, owner] of bind) this.owners.set(client, owner);
    Y.applyUpdate(this.doc, update, socket);
    if (this.modelOf) this.listSharedModel(this.modelOf);
    // Whatever waited for this update may fit now.
    for (let i = 0; i < connection.held.length; i++) {
      const verdict = checkUpdate(this.doc, this.owners, connection.held[i], connection.role, this.closed, this.layout);
      if (verdict.ok || !verdict.missing) {
        const [held] = connection.held.splice(i, 1);
        if (verdict.ok) this.apply(socket, connection, held, verdict.bind);
        else this.refuse(socket, verdict.reason);
        return;
      }
    }
  }

  /** Lists the model document's model in its class document (or notes why it cannot be used). */
  private listSharedModel({ parent, owner }: ModelOf): void {
    const raw = this.doc.getMap(MODEL_ROOT).get(MODEL_KEY);
    // A sync with nothing in it (the student's page connecting, an empty document) is no news.
    if (raw === undefined) return;
    const check = checkSharedModel(raw);
    const shared = parent.doc.getMap(SHARED_ROOT);
    const listed = shared.get(owner) as { sharedAt?: number } | undefined;
    if (check.ok && listed?.sharedAt === check.model.sharedAt) return;
    parent.doc.transact(() => {
      if (check.ok) shared.set(owner, { bytes: check.model.zip.byteLength, sharedAt: check.model.sharedAt, name: check.model.name });
      else shared.delete(owner);
    }, RELAY_OWNER);
    if (!check.ok) parent.note(`The model shared by student ${owner.slice(0, 6)} cannot be used: ${check.problem}.`, owner);
  }

  /** Tells the sender and the class why an update was dropped; a persistent offender is disconnected. */
  refuse(socket: WebSocket, reason: string): void {
    const connection = this.connections.get(socket);
    if (!connection) return;
    const who = describe(connection.role);
    connection.refusals++;
    this.log?.(`refused an update from ${who} in class ${this.id.slice(0, 6)}…: ${reason}`);
    const closing = connection.refusals >= MAX_REFUSALS;
    this.note(`The relay refused an update from ${who}: ${reason}.${closing ? ' It closed that connection after repeated refusals.' : ''}`, connection.role.kind === 'student' ? connection.role.id : null);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AUTH);
    authProtocol.writePermissionDenied(encoder, reason);
    send(socket, encoding.toUint8Array(encoder));
    if (closing) socket.close(4403, 'too many refused updates');
  }

  ping(): void {
    for (const [socket, connection] of this.connections) {
      if (!connection.alive) {
        socket.terminate();
        continue;
      }
      connection.alive = false;
      socket.ping();
    }
  }

  pong(socket: WebSocket): void {
    const connection = this.connections.get(socket);
    if (connection) connection.alive = true;
  }
}

const describe = (role: Role) => (role.kind === 'student' ? `student ${role.id.slice(0, 6)}` : role.kind === 'instructor' ? 'the instructor' : 'a viewer');

function encodeSync(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const formatLimit = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : `${bytes / 1024} KB`);

function send(socket: WebSocket, message: Uint8Array): void {
  if (socket.readyState === socket.OPEN) socket.send(message);
}

export class ClassRelay {
  private readonly rooms = new Map<string, Room>();
  // The largest message any room takes; each room closes connections that send more than it takes.
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_MODEL_MESSAGE_BYTES });
  private readonly pinger: ReturnType<typeof setInterval>;

  constructor(private readonly options: RelayOptions) {
    this.pinger = setInterval(() => this.rooms.forEach((room) => room.ping()), PING_MS);
    this.pinger.unref?.();
  }

  /** Takes over an HTTP upgrade to a relay address; false for any other path. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? '/', 'http://relay');
    const match = RELAY_PATH.exec(url.pathname);
    if (!match) return false;
    this.server.handleUpgrade(request, socket, head, (ws) => void this.accept(ws, match[1], url.searchParams));
    return true;
  }

  private async accept(socket: WebSocket, roomId: string, params: URLSearchParams): Promise<void> {
    // Messages that arrive while the credentials are checked wait for it.
    const early: Uint8Array[] = [];
    const queue = (data: Buffer) => early.push(new Uint8Array(data));
    socket.on('message', queue);
    const model = parseModelRoomName(roomId);
    if (!isRoomId(roomId) && !model) return socket.close(4400, 'not a class id');
    const classId = model?.room ?? roomId;
    const key = params.get('key');
    const secret = params.get('student');
    let role: Role;
    if (key !== null) {
      if (!isInstructorKey(key) || (await roomIdForKey(key)) !== classId) return socket.close(4401, 'wrong instructor key');
      role = { kind: 'instructor' };
    } else if (secret !== null) {
      if (!isStudentSecret(secret)) return socket.close(4401, 'not a student secret');
      role = { kind: 'student', id: await studentIdForSecret(secret) };
    } else return socket.close(4401, 'a student or instructor link is needed');
    if (model && role.kind === 'student' && role.id !== model.student) return socket.close(4403, "only its student and the instructor open a shared model");
    const room = model ? this.modelRoom(roomId, model.room, model.student) : this.room(roomId, role.kind === 'instructor');
    if (!room) return socket.close(4404, 'no class is open with this id');
    room.join(socket, role);
    this.options.log?.(`${describe(role)} joined class ${roomId.slice(0, 6)}… (${room.connections.size} connected)`);
    let oversized = false;
    const onMessage = (data: Uint8Array) => {
      if (data.byteLength > room.maxMessageBytes) {
        oversized = true;
        socket.close(1009, 'message too large');
        return;
      }
      try {
        const problem = room.receive(socket, data);
        if (problem) room.refuse(socket, problem);
      } catch (error) {
        room.refuse(socket, `its message could not be read (${error instanceof Error ? error.message : String(error)})`);
      }
    };
    socket.off('message', queue);
    socket.on('message', (data: Buffer) => onMessage(new Uint8Array(data)));
    socket.on('pong', () => room.pong(socket));
    socket.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') oversized = true;
    });
    socket.on('close', (code) => {
      if (code === 1009 || oversized) room.note(`The relay closed the connection of ${describe(role)}: a message was larger than ${formatLimit(room.maxMessageBytes)}.`, role.kind === 'student' ? role.id : null);
      room.leave(socket);
    });
    early.forEach(onMessage);
  }

  private room(id: string, create: boolean): Room | null {
    const loaded = this.rooms.get(id);
    if (loaded) return loaded;
    const storage = new RoomLog(this.options.dataDir, id);
    if (!storage.exists() && !create) return null;
    const room = new Room(id, storage, this.options.log);
    this.rooms.set(id, room);
    return room;
  }

  /** A student's model document; null when its class was never opened. */
  private modelRoom(id: string, classId: string, owner: string): Room | null {
    const loaded = this.rooms.get(id);
    if (loaded) return loaded;
    const parent = this.room(classId, false);
    if (!parent) return null;
    const room = new Room(id, new RoomLog(this.options.dataDir, id), this.options.log, { parent, owner }, () => this.rooms.delete(id));
    this.rooms.set(id, room);
    return room;
  }

  stats(): { rooms: number; connections: number } {
    let connections = 0;
    this.rooms.forEach((room) => (connections += room.connections.size));
    return { rooms: this.rooms.size, connections };
  }

  close(): void {
    clearInterval(this.pinger);
    for (const room of this.rooms.values()) {
      room.shuttingDown = true;
      for (const socket of room.connections.keys()) socket.terminate();
    }
    this.server.close();
  }
}
