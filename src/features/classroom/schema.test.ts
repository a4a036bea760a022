import { describe, expect, it } from 'vitest';
import { checkEntry, FORMAT_VERSION, MAX_ENTRY_CHARS, type Assignment, type StudentEntry } from './schema';
import { run } from './testFixtures';

const id = 'AAAAAAAAAAAAAAAAAAAAAA';
const assignment: Assignment = { v: 1, setting: 'dropout', values: [0, 0.5], mode: 'roundRobin', base: '?epochs=1', question: 'q', openedAt: 1 };

const entry = (overrides: Partial<StudentEntry> = {}): StudentEntry => ({ v: FORMAT_VERSION, name: 'Ada', choice: null, run: run(), ...overrides });

describe('checkEntry', () => {
  it('accepts an honest entry', () => {
    expect(checkEntry(id, entry(), assignment)).toMatchObject({ ok: true });
    expect(checkEntry(id, entry({ run: null }), assignment)).toMatchObject({ ok: true });
  });

  it('drops entries under a key that is not a student id', () => {
    expect(checkEntry('mallory', entry(), assignment)).toEqual({ ok: false, problem: 'its key is not a student id' });
  });

  it('drops malformed entries with the field that is wrong', () => {
    const bad = checkEntry(id, { ...entry(), run: { ...run(), test: { accuracy: 7, count: 200 } } }, assignment);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problem).toMatch(/malformed \(run\.test\.accuracy/);
    expect(checkEntry(id, 'just text', assignment).ok).toBe(false);
    expect(checkEntry(id, null, assignment).ok).toBe(false);
    expect(checkEntry(id, { ...entry(), run: { ...run(), confusion: [[1]] } }, assignment).ok).toBe(false);
    expect(checkEntry(id, { ...entry(), run: { ...run(), epochs: [{ epoch: 1, loss: Number.NaN, accuracy: 0.5, valLoss: null, valAccuracy: null }] } }, assignment).ok).toBe(false);
  });

  it('drops oversized entries before parsing them', () => {
    const big = checkEntry(id, { ...entry(), name: 'x'.repeat(MAX_ENTRY_CHARS) }, assignment);
    expect(big).toMatchObject({ ok: false });
    expect(!big.ok && big.problem).toMatch(/too large/);
  });

  it('drops a run whose value the varied setting cannot have', () => {
    const bad = checkEntry(id, entry({ run: run({ value: 'adam' }) }), assignment);
    expect(!bad.ok && bad.problem).toMatch(/value is not usable/);
  });

  it('never throws, whatever it is given', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const raw of [undefined, 1, [], cyclic, { v: 2 }, new Uint8Array(4)]) expect(() => checkEntry(id, raw, assignment)).not.toThrow();
    expect(checkEntry(id, cyclic, assignment).ok).toBe(false);
  });
});
