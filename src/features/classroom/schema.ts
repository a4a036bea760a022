/**
 * What travels through a class room, as zod schemas: the instructor's assignment, each
 * student's entry (their name and run summary) and what the relay writes (roster, notes).
 * The class view parses every entry with these and a size cap before showing it: a malformed
 * or oversized entry is dropped with a note, never shown, never able to break the view.
 */
import { z } from '../../ml/zod';
import { NUM_CLASSES } from '../../ml/constants';
import { MAX_VALUES, SETTINGS, VARIED_SETTINGS, type SettingValue, type VariedSetting } from './variedSetting';
import { isStudentId } from './roomKeys';

export const FORMAT_VERSION = 1;
/** Largest entry the class view accepts, in characters of JSON (a 100-epoch run needs about 15,000). */
export const MAX_ENTRY_CHARS = 32_000;
/** Per-epoch rows and batch points a summary may hold (the sender thins its batch points to fit). */
export const MAX_EPOCH_ROWS = 100;
export const MAX_BATCH_POINTS = 200;
export const MAX_NAME_LENGTH = 40;

const finite = z.number().finite();
const fraction = z.number().min(0).max(1);
const settingValue = z.union([finite, z.string().max(20), z.boolean()]);

export const assignmentSchema = z.object({
  v: z.literal(FORMAT_VERSION),
  setting: z.enum(VARIED_SETTINGS),
  values: z.array(settingValue).min(1).max(MAX_VALUES),
  mode: z.enum(['roundRobin', 'choice']),
  /** The instructor's setup as an address query ('?epochs=1&preset=dropout'): read by the app's strict parser. */
  base: z.string().max(2000),
  question: z.string().max(200),
  openedAt: finite,
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const epochRowSchema = z.object({
  epoch: z.number().int().min(1).max(MAX_EPOCH_ROWS),
  loss: finite,
  accuracy: fraction,
  valLoss: finite.nullable(),
  valAccuracy: fraction.nullable(),
});

export const RUN_STATUSES = ['training', 'paused', 'validating', 'evaluating', 'done', 'stopped', 'error'] as const;

export const runSummarySchema = z.object({
  id: z.string().min(1).max(40),
  status: z.enum(RUN_STATUSES),
  /** The varied setting's value this run really trained with. */
  value: settingValue,
  settings: z.object({
    optimizer: z.string().max(20),
    learningRate: finite,
    dropout: fraction,
    batchNorm: z.boolean(),
    trainSize: z.number().int().min(1).max(60_000),
    epochs: z.number().int().min(1).max(MAX_EPOCH_ROWS),
    batchSize: z.number().int().min(1).max(1024),
  }),
  epochs: z.array(epochRowSchema).max(MAX_EPOCH_ROWS),
  /** [epochs trained so far (fractional), training loss, training accuracy] */
  batches: z.array(z.tuple([z.number().min(0).max(MAX_EPOCH_ROWS), finite, fraction])).max(MAX_BATCH_POINTS),
  progress: z.object({ epoch: z.number().int().min(0), batch: z.number().int().min(0), batchesInEpoch: z.number().int().min(0) }),
  test: z.object({ accuracy: fraction, count: z.number().int().min(1).max(10_000) }).nullable(),
  confusion: z.array(z.array(z.number().int().min(0)).length(NUM_CLASSES)).length(NUM_CLASSES).nullable(),
  backend: z.string().max(80),
  examplesPerSecond: finite.min(0).nullable(),
  updatedAt: finite,
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const entrySchema = z.object({
  v: z.literal(FORMAT_VERSION),
  name: z.string().max(MAX_NAME_LENGTH),
  /** The value the student picked (when the class lets students choose). */
  choice: settingValue.nullable(),
  run: runSummarySchema.nullable(),
});
export type StudentEntry = z.infer<typeof entrySchema>;

/** Written by the relay only: who joined, in which order (round-robin slots follow it). */
export const rosterSchema = z.object({ slot: z.number().int().min(0), joinedAt: finite, online: z.boolean() });
export type RosterEntry = z.infer<typeof rosterSchema>;

export const noteSchema = z.object({ at: finite, text: z.string().max(500), student: z.string().max(40).nullable() });
export type RelayNote = z.infer<typeof noteSchema>;

export type EntryCheck = { readonly ok: true; readonly entry: StudentEntry } | { readonly ok: false; readonly problem: string };

/** Parses one student's entry: the key must be a student id, the JSON small enough, the shape right, the values usable. */
export function checkEntry(key: string, raw: unknown, assignment: Assignment | null): EntryCheck {
  if (!isStudentId(key)) return { ok: false, problem: 'its key is not a student id' };
  let size: number;
  try {
    size = JSON.stringify(raw)?.length ?? 0;
  } catch {
    return { ok: false, problem: 'it cannot be read as JSON' };
  }
  if (size > MAX_ENTRY_CHARS) return { ok: false, problem: `it is too large (${size.toLocaleString('en')} characters, at most ${MAX_ENTRY_CHARS.toLocaleString('en')})` };
  const parsed = entrySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `it is malformed (${issue.path.join('.') || 'entry'}: ${issue.message})` };
  }
  const entry = parsed.data;
  if (assignment && entry.run) {
    const problem = SETTINGS[assignment.setting as VariedSetting].check(entry.run.value as SettingValue);
    if (problem) return { ok: false, problem: `its value is not usable (${problem})` };
  }
  return { ok: true, entry };
}
