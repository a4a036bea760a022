/**
 * Everything the class view shows, read from the room's document and checked: the assignment,
 * the roster, every student's entry (parsed with the schema and size cap; a bad one is dropped
 * with a note, the others stay) and the relay's notes. Pure apart from reading the document;
 * entries that did not change keep their earlier check (Y.Map returns the same object).
 */
import type * as Y from 'yjs';
import { displayName, type ClassStudent } from './aggregate';
import { readSharedMetas, type SharedMeta } from './sharedModel';
import { assignmentSchema, checkEntry, noteSchema, rosterSchema, type Assignment, type EntryCheck, type RelayNote, type RosterEntry } from './schema';

export interface DroppedEntry {
  readonly id: string;
  readonly name: string;
  readonly problem: string;
}

export interface ClassSnapshot {
  readonly assignment: Assignment | null;
  /** Why the assignment in the document could not be read (null when it is fine or absent). */
  readonly assignmentProblem: string | null;
  readonly closed: boolean;
  /** Students in join order (entries without a roster row last). */
  readonly students: readonly ClassStudent[];
  readonly dropped: readonly DroppedEntry[];
  /** Newest first. */
  readonly notes: readonly RelayNote[];
  /** The models students shared, as the relay lists them (by student id). */
  readonly shared: ReadonlyMap<string, SharedMeta>;
}

export const EMPTY_SNAPSHOT: ClassSnapshot = { assignment: null, assignmentProblem: null, closed: false, students: [], dropped: [], notes: [], shared: new Map() };

const checks = new WeakMap<object, { assignment: Assignment | null; check: EntryCheck }>();

function checkCached(id: string, raw: unknown, assignment: Assignment | null): EntryCheck {
  if (typeof raw !== 'object' || raw === null) return checkEntry(id, raw, assignment);
  const cached = checks.get(raw);
  if (cached && cached.assignment === assignment) return cached.check;
  const check = checkEntry(id, raw, assignment);
  checks.set(raw, { assignment, check });
  return check;
}

let lastAssignment: { raw: unknown; parsed: Assignment | null; problem: string | null } | null = null;

export function readSnapshot(doc: Y.Doc): ClassSnapshot {
  const classMap = doc.getMap<unknown>('class');
  const rawAssignment = classMap.get('assignment');
  if (!lastAssignment || lastAssignment.raw !== rawAssignment) {
    const parsed = rawAssignment === undefined ? null : assignmentSchema.safeParse(rawAssignment);
    lastAssignment = { raw: rawAssignment, parsed: parsed?.success ? parsed.data : null, problem: parsed && !parsed.success ? 'The class settings could not be read.' : null };
  }
  const assignment = lastAssignment.parsed;
  const roster = new Map<string, RosterEntry>();
  for (const [id, raw] of doc.getMap<unknown>('roster')) {
    const parsed = rosterSchema.safeParse(raw);
    if (parsed.success) roster.set(id, parsed.data);
  }
  const students: ClassStudent[] = [];
  const dropped: DroppedEntry[] = [];
  const seen = new Set<string>();
  for (const [id, raw] of doc.getMap<unknown>('entries')) {
    seen.add(id);
    const rosterEntry = roster.get(id) ?? null;
    const check = checkCached(id, raw, assignment);
    if (check.ok) students.push({ id, name: displayName({ name: check.entry.name, roster: rosterEntry, id }), roster: rosterEntry, entry: check.entry });
    else {
      dropped.push({ id, name: displayName({ roster: rosterEntry, id }), problem: check.problem });
      students.push({ id, name: displayName({ roster: rosterEntry, id }), roster: rosterEntry, entry: null });
    }
  }
  for (const [id, rosterEntry] of roster) if (!seen.has(id)) students.push({ id, name: displayName({ roster: rosterEntry, id }), roster: rosterEntry, entry: null });
  students.sort((a, b) => (a.roster?.slot ?? Infinity) - (b.roster?.slot ?? Infinity) || a.id.localeCompare(b.id));
  const notes: RelayNote[] = [];
  for (const raw of doc.getMap<unknown>('notes').values()) {
    const parsed = noteSchema.safeParse(raw);
    if (parsed.success) notes.push(parsed.data);
  }
  notes.sort((a, b) => b.at - a.at);
  return { assignment, assignmentProblem: lastAssignment.problem, closed: classMap.get('closed') === true, students, dropped, notes, shared: readSharedMetas(doc) };
}
