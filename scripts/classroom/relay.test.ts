import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { KEY_BYTES, randomToken, roomIdForKey, STUDENT_SECRET_BYTES, studentIdForSecret } from '../../src/features/classroom/roomKeys';
import { RawClassClient } from './rawClient';
import { ClassRelay } from './relay';
import { modelRoomName } from '../../src/features/classroom/sharedModel';

// One of the ports set aside for relay tests (127.0.0.1 only).
const PORT = Number(process.env.CLASSROOM_TEST_PORT ?? 4237);
const dataDir = mkdtempSync(join(tmpdir(), 'class-relay-'));
let relay: ClassRelay;
let server: Server;

async function startRelay(): Promise<void> {
  relay = new ClassRelay({ dataDir });
  server = createServer((_req, res) => res.end());
  server.on('upgrade', (req, socket, head) => {
    if (!relay.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
}

async function stopRelay(): Promise<void> {
  relay.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

const key = randomToken(KEY_BYTES);
let room: string;
const url = (params: string) => `ws://127.0.0.1:${PORT}/class-relay/${room}?${params}`;
const entry = (name: string) => ({ v: 1, name, choice: null, run: null });

beforeAll(async () => {
  room = await roomIdForKey(key);
  await startRelay();
});
afterAll(async () => {
  await stopRelay();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('class relay', () => {
  it('turns students of a class that was never opened away', async () => {
    const client = await RawClassClient.connect(url(`student=${randomToken(STUDENT_SECRET_BYTES)}`));
    await client.waitFor(() => client.closeCode !== null, 10_000, 'the close');
    expect(client.closeCode).toBe(4404);
  });

  it('lets each participant write only their part, notes every refusal, and keeps everything across a restart', async () => {
    const instructor = await RawClassClient.connect(url(`key=${key}`));
    instructor.write((doc) => doc.getMap('class').set('assignment', { question: 'dropout?' }));
    const wrongKey = await RawClassClient.connect(url(`key=${randomToken(KEY_BYTES)}`));
    expect(wrongKey.closeCode).toBe(4401);

    const secretA = randomToken(STUDENT_SECRET_BYTES);
    const idA = await studentIdForSecret(secretA);
    const a = await RawClassClient.connect(url(`student=${secretA}`));
    a.write((doc) => doc.getMap('entries').set(idA, entry('Ada')));
    a.write((doc) => doc.getMap('entries').set(idA, entry('Ada L.'))); // an overwrite names only its predecessor
    await instructor.waitFor(() => (instructor.doc.getMap('entries').get(idA) as { name: string } | undefined)?.name === 'Ada L.', 10_000, "A's entry");
    expect(instructor.doc.getMap('roster').get(idA)).toMatchObject({ slot: 0, online: true });

    const secretB = randomToken(STUDENT_SECRET_BYTES);
    const b = await RawClassClient.connect(url(`student=${secretB}`));
    b.write((doc) => doc.getMap('entries').set(idA, entry('not Ada'))); // another student's entry
    b.write((doc) => doc.getMap('class').set('assignment', { question: 'hacked' })); // the assignment
    await b.waitFor(() => b.denied.length >= 2, 10_000, 'two refusals');
    expect(b.denied.join(' ')).toMatch(/entry/);
    const notes = () => [...instructor.doc.getMap<{ text: string }>('notes').values()].map((n) => n.text);
    await instructor.waitFor(() => notes().length >= 2, 10_000, 'the notes');
    expect(notes().join(' ')).toMatch(/refused an update from student .*entry/);
    expect((instructor.doc.getMap('entries').get(idA) as { name: string }).name).toBe('Ada L.');
    expect((instructor.doc.getMap('class').get('assignment') as { question: string }).question).toBe('dropout?');

    // A student reloading (new Yjs client id, same secret) may overwrite their own entry.
    a.close();
    const a2 = await RawClassClient.connect(url(`student=${secretA}`));
    a2.write((doc) => doc.getMap('entries').set(idA, entry('Ada again')));
    await instructor.waitFor(() => (instructor.doc.getMap('entries').get(idA) as { name: string }).name === 'Ada again', 10_000, 'the reloaded entry');
    expect(a2.denied).toEqual([]);

    // An update that overtakes the one it builds on (a write sent before the sync reply) waits for it.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(a2.doc));
    const before = Y.encodeStateVector(offline);
    offline.getMap('entries').set(idA, entry('first'));
    const first = Y.encodeStateAsUpdate(offline, before);
    const middle = Y.encodeStateVector(offline);
    offline.getMap('entries').set(idA, entry('second'));
    const second = Y.encodeStateAsUpdate(offline, middle);
    a2.sendUpdate(second);
    a2.sendUpdate(first);
    await instructor.waitFor(() => (instructor.doc.getMap('entries').get(idA) as { name: string }).name === 'second', 10_000, 'the overtaken update');
    expect(a2.denied).toEqual([]);

    [instructor, b, a2].forEach((c) => c.close());
    await stopRelay();
    await startRelay();
    const later = await RawClassClient.connect(url(`key=${key}`));
    expect((later.doc.getMap('entries').get(idA) as { name: string }).name).toBe('second');
    expect(later.doc.getMap('roster').size).toBe(2);
    expect([...later.doc.getMap('roster').values()].every((r) => !(r as { online: boolean }).online)).toBe(true);
    later.close();
  });

  it("keeps a shared model in the student's own document, lists it in the class, and lets only them and the instructor open it", async () => {
    const secret = randomToken(STUDENT_SECRET_BYTES);
    const id = await studentIdForSecret(secret);
    const modelUrl = (params: string) => `ws://127.0.0.1:${PORT}/class-relay/${modelRoomName(room, id)}?${params}`;
    const instructor = await RawClassClient.connect(url(`key=${key}`));
    const student = await RawClassClient.connect(modelUrl(`student=${secret}`));
    const zip = new Uint8Array(900_000).map((_, i) => i % 251);
    student.write((doc) => doc.getMap('model').set('shared', { v: 1, name: 'Ada: Simple CNN', sharedAt: 42, zip }));
    await instructor.waitFor(() => instructor.doc.getMap('shared').has(id), 10_000, 'the relay listing the model');
    expect(instructor.doc.getMap('shared').get(id)).toEqual({ bytes: 900_000, sharedAt: 42, name: 'Ada: Simple CNN' });
    // Connecting to the model document (an empty sync) is no news: no note.
    expect([...instructor.doc.getMap<{ text: string }>('notes').values()].map((n) => n.text).join(' ')).not.toMatch(/cannot be used/);
    expect(student.denied).toEqual([]);
    // The class document never holds the weights.
    expect(Y.encodeStateAsUpdate(instructor.doc).byteLength).toBeLessThan(50_000);

    const loader = await RawClassClient.connect(modelUrl(`key=${key}`));
    expect((loader.doc.getMap('model').get('shared') as { zip: Uint8Array }).zip).toEqual(zip);
    loader.write((doc) => doc.getMap('model').set('shared', { v: 1, name: 'swapped', sharedAt: 43, zip: new Uint8Array(10) }));
    await loader.waitFor(() => loader.denied.length === 1, 10_000, "the refusal of the instructor's write");
    const other = await RawClassClient.connect(modelUrl(`student=${randomToken(STUDENT_SECRET_BYTES)}`));
    expect(other.closeCode).toBe(4403);
    // Past the cap, the connection is closed and the class gets a note; the listed model stays.
    student.sendUpdate(new Uint8Array(5 * 1024 * 1024));
    await student.waitFor(() => student.closeCode !== null, 20_000, 'the relay closing the connection');
    const notes = () => [...instructor.doc.getMap<{ text: string }>('notes').values()].map((n) => n.text).join(' ');
    await instructor.waitFor(() => /larger than 4 MB/.test(notes()), 10_000, 'the note');
    expect((instructor.doc.getMap('shared').get(id) as { name: string }).name).toBe('Ada: Simple CNN');
    [instructor, loader, student].forEach((c) => c.close());
  });
});
