/**
 * "Share my model": a student's trained model (the app's export zip: model.json, weights.bin,
 * metadata.json) sent to the class only when the student presses the button.
 *
 * Weights are too large for the class document (a default CNN is about 0.9 MB zipped, the
 * Modern preset 1.5 MB; 30 students would make every late joiner download tens of MB), so each
 * student's model lives in a Yjs document of its own, `<class room>.model.<student id>`: only that
 * student writes it (one key, `shared`), only they and the instructor may open it, and the
 * instructor opens it only when loading that model. The relay checks every update to it
 * (updateGuard.ts, with a size cap) and, once one is stored, writes what it holds (size, time,
 * name) into the class document's `shared` map, which is both the board's list of shared models
 * and the student's proof that the relay has it.
 */
import type * as Y from 'yjs';
import { z } from '../../ml/zod';
import { isRoomId, isStudentId } from './roomKeys';

/** Largest model a student may share, in bytes of zip (the relay refuses bigger updates; the board checks again). */
export const MAX_SHARED_MODEL_BYTES = 4 * 1024 * 1024;
/** Root map of a model document, and its one key. */
export const MODEL_ROOT = 'model';
export const MODEL_KEY = 'shared';
/** Root map of the class document where the relay lists the shared models. */
export const SHARED_ROOT = 'shared';
const SEPARATOR = '.model.';

/** The model document's room name for `student` in class `room`. */
export const modelRoomName = (room: string, student: string): string => `${room}${SEPARATOR}${student}`;

/** The class and student of a model document's room name, or null for any other name. */
export function parseModelRoomName(name: string): { room: string; student: string } | null {
  const at = name.indexOf(SEPARATOR);
  if (at < 0) return null;
  const room = name.slice(0, at);
  const student = name.slice(at + SEPARATOR.length);
  return isRoomId(room) && isStudentId(student) ? { room, student } : null;
}

/** What the student writes under `shared` in their model document. */
export const sharedModelSchema = z.object({
  v: z.literal(1),
  /** The model's name as the student's page calls it (e.g. "Simple CNN"). */
  name: z.string().max(80),
  sharedAt: z.number().finite(),
  zip: z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength > 0 && bytes.byteLength <= MAX_SHARED_MODEL_BYTES, { message: `must be 1 byte to ${MAX_SHARED_MODEL_BYTES / 1024 / 1024} MB` }),
});
export type SharedModel = z.infer<typeof sharedModelSchema>;

/** What the relay writes in the class document for each stored model. */
export const sharedMetaSchema = z.object({
  bytes: z.number().int().min(1).max(MAX_SHARED_MODEL_BYTES),
  sharedAt: z.number().finite(),
  name: z.string().max(80),
});
export type SharedMeta = z.infer<typeof sharedMetaSchema>;

export type SharedModelCheck = { readonly ok: true; readonly model: SharedModel } | { readonly ok: false; readonly problem: string };

/** Checks a model document's value before anything is loaded from it. */
export function checkSharedModel(raw: unknown): SharedModelCheck {
  if (raw === undefined) return { ok: false, problem: 'the relay has no model from this student' };
  const parsed = sharedModelSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `what was shared is not a model (${issue.path.join('.') || 'value'}: ${issue.message})` };
  }
  return { ok: true, model: parsed.data };
}

export const formatBytes = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** The relay's list of shared models in the class document, checked (a malformed row is left out). */
export function readSharedMetas(doc: Y.Doc): Map<string, SharedMeta> {
  const out = new Map<string, SharedMeta>();
  for (const [id, raw] of doc.getMap<unknown>(SHARED_ROOT)) {
    const parsed = sharedMetaSchema.safeParse(raw);
    if (parsed.success) out.set(id, parsed.data);
  }
  return out;
}
