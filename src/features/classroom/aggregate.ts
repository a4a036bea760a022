/**
 * The class's numbers from the students' checked entries: the leaderboard of test accuracy,
 * and per value of the varied setting the mean and spread of the final accuracy. Pure.
 */
import type { SettingValue } from './variedSetting';
import type { RosterEntry, StudentEntry } from './schema';

export interface ClassStudent {
  readonly id: string;
  readonly name: string;
  readonly roster: RosterEntry | null;
  readonly entry: StudentEntry | null;
}

export interface LeaderboardRow {
  readonly id: string;
  readonly name: string;
  readonly value: SettingValue;
  readonly accuracy: number;
  readonly backend: string;
  readonly examplesPerSecond: number | null;
}

export interface ValueStats {
  readonly value: SettingValue;
  /** Finished runs (with a test accuracy) at this value. */
  readonly count: number;
  /** Runs at this value still training. */
  readonly running: number;
  readonly mean: number | null;
  /** Sample standard deviation (n − 1); null below two runs. */
  readonly sd: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

/** The name to show: the one the student typed, else "Student N" by join order. */
export function displayName(student: { name?: string; roster: RosterEntry | null; id: string }): string {
  const typed = student.name?.trim();
  if (typed) return typed;
  return student.roster ? `Student ${student.roster.slot + 1}` : `Student ${student.id.slice(0, 4)}`;
}

/** Every run with a test accuracy, best first (ties: by name). */
export function leaderboard(students: readonly ClassStudent[]): LeaderboardRow[] {
  const rows: LeaderboardRow[] = [];
  for (const s of students) {
    const run = s.entry?.run;
    if (!run?.test) continue;
    rows.push({ id: s.id, name: s.name, value: run.value, accuracy: run.test.accuracy, backend: run.backend, examplesPerSecond: run.examplesPerSecond });
  }
  return rows.sort((a, b) => b.accuracy - a.accuracy || a.name.localeCompare(b.name));
}

const sameValue = (a: SettingValue, b: SettingValue) => a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a)));

/** Per value (the assignment's values first, in order, then any other value a run reported). */
export function valueStats(values: readonly SettingValue[], students: readonly ClassStudent[]): ValueStats[] {
  const groups: { value: SettingValue; accuracies: number[]; running: number }[] = values.map((value) => ({ value, accuracies: [], running: 0 }));
  for (const s of students) {
    const run = s.entry?.run;
    if (!run) continue;
    let group = groups.find((g) => sameValue(g.value, run.value));
    if (!group) {
      group = { value: run.value, accuracies: [], running: 0 };
      groups.push(group);
    }
    if (run.test) group.accuracies.push(run.test.accuracy);
    else if (run.status !== 'stopped' && run.status !== 'error') group.running++;
  }
  return groups.map(({ value, accuracies, running }) => {
    const n = accuracies.length;
    if (n === 0) return { value, count: 0, running, mean: null, sd: null, min: null, max: null };
    const mean = accuracies.reduce((a, b) => a + b, 0) / n;
    const sd = n > 1 ? Math.sqrt(accuracies.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : null;
    return { value, count: n, running, mean, sd, min: Math.min(...accuracies), max: Math.max(...accuracies) };
  });
}

/** The value each student trains with: round-robin by join order, or the student's choice. */
export function assignedValue(mode: 'roundRobin' | 'choice', values: readonly SettingValue[], slot: number | null, choice: SettingValue | null): SettingValue | null {
  if (values.length === 0) return null;
  if (mode === 'choice') return choice !== null && values.some((v) => sameValue(v, choice)) ? choice : null;
  return slot === null ? null : values[slot % values.length];
}
