/**
 * The relay's check of every Yjs update before it is applied and passed on: who may write
 * where in a class room's document.
 *
 * The document's roots: `class` (the assignment; the instructor only), `entries` (one key per
 * student id; each student only their own key, plain JSON values, no nested types), `roster`
 * and `notes` (the relay itself only). An update is decoded (Y.decodeUpdate) and each new
 * struct placed: by its root and key when it names them, else through the item it was inserted
 * next to (a map overwrite names only its predecessor), looked up in the room's document or in
 * the same update. Each Yjs client id is bound to the first participant that writes with it,
 * so nobody can extend or delete another participant's items under a borrowed client id.
 */
import * as Y from 'yjs';
import { MAX_SHARED_MODEL_BYTES, MODEL_KEY, MODEL_ROOT } from '../../src/features/classroom/sharedModel';

export type Role = { readonly kind: 'instructor' } | { readonly kind: 'student'; readonly id: string } | { readonly kind: 'viewer' };

export const INSTRUCTOR_OWNER = 'instructor';
export const RELAY_OWNER = 'relay';

/** Root maps of a class room and who writes each. */
export const ROOTS = { class: 'class', entries: 'entries', roster: 'roster', notes: 'notes' } as const;

/** Largest update written to a class document (a summary is a few kB). */
export const MAX_CLASS_UPDATE_BYTES = 256 * 1024;
/** Largest update written to a model document: the zip's cap and room for its name and Yjs's framing. */
export const MAX_MODEL_UPDATE_BYTES = MAX_SHARED_MODEL_BYTES + 16 * 1024;

/** A document's rules: how large an update may be, and who may write which key of which root. */
export interface Layout {
  readonly maxUpdateBytes: number;
  /** Why the participant `me` with `role` may not write `key` of `root` (null: they may). */
  readonly refuse: (role: Role, me: string, root: string, key: string) => string | null;
}

/** The class document: the instructor writes `class`; each student their own key of `entries`; the relay the rest. */
export const CLASS_LAYOUT: Layout = {
  maxUpdateBytes: MAX_CLASS_UPDATE_BYTES,
  refuse: (role, me, root, key) => {
    if (role.kind === 'instructor') return root === ROOTS.class ? null : `the instructor writes only the class settings, not ${root}`;
    if (root !== ROOTS.entries) return root === ROOTS.class ? 'it changes the assignment' : `it writes the relay's ${root}`;
    return key === me ? null : `it writes student ${key.slice(0, 6)}'s entry`;
  },
};

/** A student's model document (sharedModel.ts): only `owner` writes, and only the one model key. */
export function modelLayout(owner: string): Layout {
  return {
    maxUpdateBytes: MAX_MODEL_UPDATE_BYTES,
    refuse: (role, me, root, key) => {
      if (role.kind !== 'student' || me !== owner) return "it writes another participant's shared model";
      return root === MODEL_ROOT && key === MODEL_KEY ? null : `it writes ${root}.${key} in a model document`;
    },
  };
}

/**
 * `missing`: the update builds on data the relay has not received yet (a client's update can
 * overtake the sync reply that carries what it builds on): not refused, held until that arrives.
 */
export type GuardResult = { readonly ok: true; readonly bind: ReadonlyMap<number, string> } | { readonly ok: false; readonly reason: string; readonly missing?: boolean };

interface Place {
  readonly root: string | null;
  readonly key: string | null;
  /** Why it could not be placed. */
  readonly problem?: string;
  readonly missing?: boolean;
}

const ownerOf = (role: Role): string | null => (role.kind === 'instructor' ? INSTRUCTOR_OWNER : role.kind === 'student' ? role.id : null);

/** Who wrote each client id's items in `doc` (rebuilt after a restart from the stored document). */
export function ownersFromDoc(doc: Y.Doc): Map<number, string> {
  const owners = new Map<number, string>();
  for (const [client, structs] of doc.store.clients) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      const parent = struct.parent as Y.AbstractType<unknown> | null;
      if (!parent || parent._item !== null) continue;
      const root = Y.findRootTypeKey(parent);
      if (root === ROOTS.entries && struct.parentSub) owners.set(client, struct.parentSub);
      else if (root === ROOTS.class) owners.set(client, INSTRUCTOR_OWNER);
      else owners.set(client, RELAY_OWNER);
      break;
    }
  }
  return owners;
}

function placeInDoc(doc: Y.Doc, id: Y.ID): Place {
  if (id.clock >= Y.getState(doc.store, id.client)) return { root: null, key: null, problem: 'it refers to data the relay does not have', missing: true };
  const struct = Y.getItem(doc.store, id);
  if (!(struct instanceof Y.Item)) return { root: null, key: null, problem: 'it refers to deleted data' };
  const parent = struct.parent as Y.AbstractType<unknown> | null;
  if (!parent || parent._item !== null) return { root: null, key: null, problem: 'it writes inside a nested type' };
  return { root: Y.findRootTypeKey(parent), key: struct.parentSub };
}

/** Decides whether `update` from a participant with `role` may be applied to `doc`. */
export function checkUpdate(doc: Y.Doc, owners: ReadonlyMap<number, string>, update: Uint8Array, role: Role, closed = false, layout: Layout = CLASS_LAYOUT): GuardResult {
  if (update.byteLength > layout.maxUpdateBytes) return { ok: false, reason: `it is too large (${update.byteLength.toLocaleString('en')} bytes, at most ${layout.maxUpdateBytes.toLocaleString('en')})` };
  let decoded: { structs: (Y.Item | Y.GC | Y.Skip)[]; ds: { clients: Map<number, unknown[]> } };
  try {
    decoded = Y.decodeUpdate(update) as unknown as typeof decoded;
  } catch {
    return { ok: false, reason: 'it is not a readable update' };
  }
  const bind = new Map<number, string>();
  const newStructs = decoded.structs.filter((s) => !(s instanceof Y.Skip) && s.id.clock + s.length > Y.getState(doc.store, s.id.client));
  const deletes = [...(decoded.ds.clients as Map<number, { clock: number; len: number }[]>)];
  const hasLiveDeletes = deletes.some(([client, ranges]) => ranges.some(({ clock, len }) => deletesLiveItem(doc, client, clock, len)));
  if (newStructs.length === 0 && !hasLiveDeletes) return { ok: true, bind };
  const me = ownerOf(role);
  if (me === null) return { ok: false, reason: 'this connection may only read' };
  if (closed && role.kind === 'student') return { ok: false, reason: 'the class is closed' };
  const ownerOfClient = (client: number) => owners.get(client) ?? bind.get(client);
  // Each client's structs must continue where the relay's copy ends.
  const firstClock = new Map<number, number>();
  for (const struct of newStructs) if (!firstClock.has(struct.id.client)) firstClock.set(struct.id.client, struct.id.clock);
  for (const [client, clock] of firstClock) {
    if (clock > Y.getState(doc.store, client)) return { ok: false, reason: 'it skips data the relay does not have', missing: true };
  }
  for (const struct of newStructs) {
    const owner = ownerOfClient(struct.id.client);
    if (owner !== undefined && owner !== me) return { ok: false, reason: `it writes under ${owner === INSTRUCTOR_OWNER ? "the instructor's" : owner === RELAY_OWNER ? "the relay's" : `student ${owner.slice(0, 6)}'s`} client id` };
    bind.set(struct.id.client, me);
  }
  // Items of this update by client, to place an item inserted next to another new one.
  const inUpdate = new Map<number, Y.Item[]>();
  for (const struct of newStructs) if (struct instanceof Y.Item) inUpdate.set(struct.id.client, [...(inUpdate.get(struct.id.client) ?? []), struct]);
  const placing = new Set<Y.Item>();
  const place = (item: Y.Item): Place => {
    if (typeof item.parent === 'string') return { root: item.parent, key: item.parentSub };
    if (item.parent !== null) return { root: null, key: null, problem: 'it writes inside a nested type' };
    const ref = item.origin ?? item.rightOrigin;
    if (!ref) return { root: null, key: null, problem: 'it has no place' };
    const sibling = inUpdate.get(ref.client)?.find((s) => s.id.clock <= ref.clock && ref.clock < s.id.clock + s.length);
    if (sibling && !placing.has(sibling)) {
      placing.add(sibling);
      return place(sibling);
    }
    return placeInDoc(doc, ref);
  };
  for (const struct of newStructs) {
    if (!(struct instanceof Y.Item)) continue;
    if (!(struct.content instanceof Y.ContentAny) && !(struct.content instanceof Y.ContentDeleted)) return { ok: false, reason: 'it holds something other than plain values' };
    placing.clear();
    const { root, key, problem, missing } = place(struct);
    if (problem) return { ok: false, reason: problem, missing };
    if (key === null) return { ok: false, reason: `it inserts into a list in ${root}` };
    const refusal = layout.refuse(role, me, root ?? '', key);
    if (refusal) return { ok: false, reason: refusal };
  }
  // A sync message carries the sender's whole delete set: only deletions of items still alive here count.
  for (const [client, ranges] of deletes) {
    const owner = ownerOfClient(client);
    if (owner === me) continue;
    for (const { clock, len } of ranges) {
      if (deletesLiveItem(doc, client, clock, len)) return { ok: false, reason: 'it deletes data it did not write' };
    }
  }
  return { ok: true, bind };
}

/** Whether [clock, clock + len) of `client` holds an item of `doc` that is not deleted yet. */
function deletesLiveItem(doc: Y.Doc, client: number, clock: number, len: number): boolean {
  const end = Math.min(clock + len, Y.getState(doc.store, client));
  let at = clock;
  while (at < end) {
    const struct = Y.getItem(doc.store, Y.createID(client, at));
    if (struct instanceof Y.Item && !struct.deleted) return true;
    at = struct.id.clock + struct.length;
  }
  return false;
}
