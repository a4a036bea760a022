import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkSharedModel, MAX_SHARED_MODEL_BYTES, modelRoomName, parseModelRoomName, readSharedMetas } from './sharedModel';

const ROOM = 'r'.repeat(22);
const STUDENT = 's-_'.repeat(7) + 'x';

describe('shared models', () => {
  it('names a model document after its class and student, and reads only such names back', () => {
    expect(parseModelRoomName(modelRoomName(ROOM, STUDENT))).toEqual({ room: ROOM, student: STUDENT });
    expect(parseModelRoomName(ROOM)).toBeNull();
    expect(parseModelRoomName(`${ROOM}.model.short`)).toBeNull();
    expect(parseModelRoomName(`../x.model.${STUDENT}`)).toBeNull();
  });

  it('accepts a model within the cap and names what is wrong with anything else', () => {
    const zip = new Uint8Array([80, 75, 3, 4]);
    expect(checkSharedModel({ v: 1, name: 'Simple CNN', sharedAt: 5, zip })).toMatchObject({ ok: true, model: { name: 'Simple CNN', zip } });
    expect(checkSharedModel(undefined)).toEqual({ ok: false, problem: 'the relay has no model from this student' });
    expect(checkSharedModel({ v: 1, name: 'x', sharedAt: 5, zip: 'UEsDBA==' })).toMatchObject({ ok: false, problem: expect.stringMatching(/^what was shared is not a model \(zip: /) });
    expect(checkSharedModel({ v: 1, name: 'x', sharedAt: 5, zip: new Uint8Array(MAX_SHARED_MODEL_BYTES + 1) })).toMatchObject({ ok: false, problem: expect.stringMatching(/zip: must be 1 byte to 4 MB/) });
    expect(checkSharedModel({ v: 2, name: 'x', sharedAt: 5, zip })).toMatchObject({ ok: false });
    expect(checkSharedModel({ v: 1, name: 'x'.repeat(81), sharedAt: 5, zip })).toMatchObject({ ok: false, problem: expect.stringMatching(/name/) });
  });

  it("reads the relay's list of shared models, leaving a malformed row out", () => {
    const doc = new Y.Doc();
    doc.getMap('shared').set(STUDENT, { bytes: 900_000, sharedAt: 7, name: 'Ada: Simple CNN' });
    doc.getMap('shared').set(ROOM, { bytes: MAX_SHARED_MODEL_BYTES * 2, sharedAt: 7, name: 'too big' });
    expect([...readSharedMetas(doc)]).toEqual([[STUDENT, { bytes: 900_000, sharedAt: 7, name: 'Ada: Simple CNN' }]]);
  });
});
