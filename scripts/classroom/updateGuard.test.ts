import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_SHARED_MODEL_BYTES } from '../../src/features/classroom/sharedModel';
import { CLASS_LAYOUT, checkUpdate, MAX_CLASS_UPDATE_BYTES, modelLayout, type Role } from './updateGuard';

const OWNER = 'A'.repeat(22);
const OTHER = 'B'.repeat(22);
const student = (id: string): Role => ({ kind: 'student', id });

/** The update a fresh client makes with `change`. */
function updateOf(change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  change(doc);
  return Y.encodeStateAsUpdate(doc);
}

const model = (bytes: number) => ({ v: 1, name: 'Simple CNN', sharedAt: 1, zip: new Uint8Array(bytes) });

describe('the guard of a shared model document', () => {
  const layout = modelLayout(OWNER);

  it('lets its student write the model key, up to the cap', () => {
    const update = updateOf((doc) => doc.getMap('model').set('shared', model(900_000)));
    expect(checkUpdate(new Y.Doc(), new Map(), update, student(OWNER), false, layout).ok).toBe(true);
    const largest = updateOf((doc) => doc.getMap('model').set('shared', model(MAX_SHARED_MODEL_BYTES)));
    expect(checkUpdate(new Y.Doc(), new Map(), largest, student(OWNER), false, layout).ok).toBe(true);
  });

  it('refuses a model over the cap, another student, the instructor, a viewer, other keys and a closed class', () => {
    const tooBig = updateOf((doc) => doc.getMap('model').set('shared', model(MAX_SHARED_MODEL_BYTES + 20_000)));
    expect(checkUpdate(new Y.Doc(), new Map(), tooBig, student(OWNER), false, layout)).toMatchObject({ ok: false, reason: expect.stringMatching(/too large/) });
    const honest = updateOf((doc) => doc.getMap('model').set('shared', model(1000)));
    expect(checkUpdate(new Y.Doc(), new Map(), honest, student(OTHER), false, layout)).toMatchObject({ ok: false, reason: expect.stringMatching(/another participant's shared model/) });
    expect(checkUpdate(new Y.Doc(), new Map(), honest, { kind: 'instructor' }, false, layout)).toMatchObject({ ok: false });
    expect(checkUpdate(new Y.Doc(), new Map(), honest, { kind: 'viewer' }, false, layout)).toMatchObject({ ok: false, reason: 'this connection may only read' });
    expect(checkUpdate(new Y.Doc(), new Map(), honest, student(OWNER), true, layout)).toMatchObject({ ok: false, reason: 'the class is closed' });
    const otherKey = updateOf((doc) => doc.getMap('model').set('extra', model(10)));
    expect(checkUpdate(new Y.Doc(), new Map(), otherKey, student(OWNER), false, layout)).toMatchObject({ ok: false, reason: expect.stringMatching(/model\.extra/) });
    const otherRoot = updateOf((doc) => doc.getMap('entries').set(OWNER, { v: 1 }));
    expect(checkUpdate(new Y.Doc(), new Map(), otherRoot, student(OWNER), false, layout)).toMatchObject({ ok: false });
    const nested = updateOf((doc) => doc.getMap('model').set('shared', new Y.Map()));
    expect(checkUpdate(new Y.Doc(), new Map(), nested, student(OWNER), false, layout)).toMatchObject({ ok: false });
  });

  it('keeps the class document to its small updates: a model written there is refused', () => {
    const update = updateOf((doc) => doc.getMap('entries').set(OWNER, { v: 1, zip: new Uint8Array(MAX_CLASS_UPDATE_BYTES) }));
    expect(checkUpdate(new Y.Doc(), new Map(), update, student(OWNER), false, CLASS_LAYOUT)).toMatchObject({ ok: false, reason: expect.stringMatching(/too large/) });
    const small = updateOf((doc) => doc.getMap('entries').set(OWNER, { v: 1 }));
    expect(checkUpdate(new Y.Doc(), new Map(), small, student(OWNER), false, CLASS_LAYOUT).ok).toBe(true);
    // The relay's list of shared models is the relay's to write.
    const listed = updateOf((doc) => doc.getMap('shared').set(OWNER, { bytes: 1, sharedAt: 1, name: 'x' }));
    expect(checkUpdate(new Y.Doc(), new Map(), listed, student(OWNER), false, CLASS_LAYOUT)).toMatchObject({ ok: false, reason: "it writes the relay's shared" });
  });
});
