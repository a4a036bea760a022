import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSnapshot } from './classSnapshot';
import { run } from './testFixtures';

const good = 'AAAAAAAAAAAAAAAAAAAAAA';
const bad = 'BBBBBBBBBBBBBBBBBBBBBB';

describe('readSnapshot', () => {
  it('drops a bad entry with a note and keeps every other one', () => {
    const doc = new Y.Doc();
    doc.getMap('class').set('assignment', { v: 1, setting: 'dropout', values: [0, 0.5], mode: 'roundRobin', base: '', question: 'q', openedAt: 1 });
    doc.getMap('roster').set(good, { slot: 0, joinedAt: 1, online: true });
    doc.getMap('roster').set(bad, { slot: 1, joinedAt: 2, online: false });
    doc.getMap('entries').set(good, { v: 1, name: 'Ada', choice: null, run: run() });
    doc.getMap('entries').set(bad, { v: 1, name: 'x'.repeat(40_000), choice: null, run: null });
    doc.getMap('entries').set('not-an-id', { v: 1, name: 'Eve', choice: null, run: null });
    doc.getMap('notes').set('n1', { at: 5, text: 'The relay refused an update.', student: bad });
    doc.getMap('notes').set('n2', { at: 6, text: 7 });
    const snapshot = readSnapshot(doc);
    expect(snapshot.assignment?.setting).toBe('dropout');
    expect(snapshot.students.map((s) => [s.name, s.entry !== null])).toEqual([
      ['Ada', true],
      ['Student 2', false],
      ['Student not-', false],
    ]);
    expect(snapshot.dropped.map((d) => d.problem)).toEqual([expect.stringMatching(/too large/), 'its key is not a student id']);
    expect(snapshot.notes.map((n) => n.text)).toEqual(['The relay refused an update.']);
  });

  it('reports an unreadable assignment instead of guessing', () => {
    const doc = new Y.Doc();
    doc.getMap('class').set('assignment', { v: 1, setting: 'temperature' });
    expect(readSnapshot(doc)).toMatchObject({ assignment: null, assignmentProblem: 'The class settings could not be read.' });
  });
});
