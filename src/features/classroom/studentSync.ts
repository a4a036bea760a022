/**
 * The student's side of a class, outside React: applies the assignment to the store's settings
 * (once per assignment and value, never during a run) and sends the run's summary to the class
 * as it trains, at most once a second. It reads the store and writes the class document; it
 * never talks to the engine.
 */
import { parseUrlState } from '../../address/urlState';
import type { AppStore } from '../../state/store';
import type { AppState } from '../../state/types';
import { assignedValue } from './aggregate';
import type { ClassSession } from './classSession';
import { readSnapshot } from './classSnapshot';
import { randomToken } from './roomKeys';
import { buildRunSummary, isActiveStatus } from './runSummary';
import { FORMAT_VERSION, type Assignment, type StudentEntry } from './schema';
import { applyValue, SETTINGS, type SettingValue, type VariedSetting } from './variedSetting';

const SEND_INTERVAL_MS = 1000;

/** The setup a student trains with: the instructor's base, the assigned value, a seed of their own. */
export function assignedSetup(assignment: Assignment, value: SettingValue, slot: number, student: AppState) {
  const base = parseUrlState(assignment.base);
  const config = { ...base.config, backend: student.config.backend, autostart: false, seed: (base.config.seed + slot) % 2 ** 31 };
  return applyValue(assignment.setting as VariedSetting, value, { config, spec: base.spec });
}

export class StudentSync {
  private runId: string | null = null;
  private lastStatus: string | null = null;
  private lastBatchCount = 0;
  private lastSent = '';
  private lastSentAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private appliedKey: string | null = null;
  private speed: number | null = null;
  private name = '';
  private choice: SettingValue | null = null;
  private readonly unsubscribe: (() => void)[] = [];
  /** What the student panel shows: when results last went out (to the local document). */
  sentAt: number | null = null;

  constructor(
    private readonly store: AppStore,
    private readonly session: ClassSession,
  ) {
    const existing = session.doc.getMap<StudentEntry>('entries').get(session.studentId ?? '');
    this.unsubscribe.push(store.subscribe(() => this.onStore()));
    this.unsubscribe.push(session.subscribe(() => this.onClass()));
    if (existing && typeof existing === 'object') {
      this.name = typeof existing.name === 'string' ? existing.name : '';
      this.choice = existing.choice ?? null;
    }
    this.onStore();
    this.onClass();
  }

  setName(name: string): void {
    this.name = name.slice(0, 40);
    this.schedule(true);
  }

  setChoice(value: SettingValue): void {
    this.choice = value;
    this.appliedKey = null;
    this.onClass();
    this.schedule(true);
  }

  /** The value this student is to train with (null: not known yet, or not chosen). */
  value(): SettingValue | null {
    const snapshot = readSnapshot(this.session.doc);
    const assignment = snapshot.assignment;
    if (!assignment) return null;
    const roster = snapshot.students.find((s) => s.id === this.session.studentId)?.roster ?? null;
    return assignedValue(assignment.mode, assignment.values, roster?.slot ?? null, this.choice);
  }

  private onClass(): void {
    // A name or choice typed before a reload comes back with the document.
    const existing = this.session.doc.getMap<StudentEntry>('entries').get(this.session.studentId ?? '');
    if (existing && typeof existing === 'object' && !this.name && typeof existing.name === 'string') this.name = existing.name;
    if (existing && typeof existing === 'object' && this.choice === null && existing.choice !== undefined) this.choice = existing.choice;
    const snapshot = readSnapshot(this.session.doc);
    const assignment = snapshot.assignment;
    const value = this.value();
    if (!assignment || value === null || SETTINGS[assignment.setting as VariedSetting].check(value)) return;
    const state = this.store.getState();
    const slot = snapshot.students.find((s) => s.id === this.session.studentId)?.roster?.slot ?? 0;
    const key = `${assignment.openedAt}:${String(value)}:${slot}`;
    if (key === this.appliedKey || isActiveStatus(state.training.status)) return;
    const setup = assignedSetup(assignment, value, slot, state);
    this.appliedKey = key;
    this.store.setModelSpec(setup.spec);
    this.store.setConfig(setup.config);
  }

  private onStore(): void {
    const state = this.store.getState();
    const { status, batches } = state.training;
    if (state.training.examplesPerSecond !== null) this.speed = state.training.examplesPerSecond;
    // A new run: it became active, or its batch list started over.
    const becameActive = isActiveStatus(status) && (this.lastStatus === null || !isActiveStatus(this.lastStatus));
    const restarted = isActiveStatus(status) && batches.length < this.lastBatchCount;
    if (becameActive || restarted) {
      this.runId = randomToken(8);
      this.speed = state.training.examplesPerSecond;
    }
    const statusChanged = status !== this.lastStatus;
    this.lastStatus = status;
    this.lastBatchCount = batches.length;
    if (this.runId !== null) this.schedule(statusChanged);
  }

  private schedule(now: boolean): void {
    if (this.timer !== null) {
      if (!now) return;
      clearTimeout(this.timer);
    }
    const wait = now ? 0 : Math.max(0, SEND_INTERVAL_MS - (Date.now() - this.lastSentAt));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.send();
    }, wait);
  }

  private send(): void {
    const snapshot = readSnapshot(this.session.doc);
    if (snapshot.closed || !snapshot.assignment) return;
    const state = this.store.getState();
    const run = this.runId === null ? null : buildRunSummary(state, { id: this.runId, setting: snapshot.assignment.setting as VariedSetting, examplesPerSecond: this.speed });
    const previous = this.session.doc.getMap<StudentEntry>('entries').get(this.session.studentId ?? '');
    // A reloaded page keeps showing the run it sent before until it trains a new one.
    const entry: StudentEntry = { v: FORMAT_VERSION, name: this.name, choice: this.choice, run: run ?? (previous && typeof previous === 'object' ? (previous.run ?? null) : null) };
    // updatedAt alone changing is no news.
    const text = JSON.stringify({ ...entry, run: entry.run ? { ...entry.run, updatedAt: 0 } : null });
    this.lastSentAt = Date.now();
    if (text === this.lastSent) return;
    this.lastSent = text;
    this.session.writeEntry(entry);
    this.sentAt = Date.now();
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.unsubscribe.forEach((u) => u());
  }
}
