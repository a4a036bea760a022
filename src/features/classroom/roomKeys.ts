/**
 * The class's secrets and the ids derived from them (page and relay share this file).
 *
 * - The instructor's key K: 256 random bits, only in the instructor's link. The room id is the
 *   first 128 bits of SHA-256("room:" + K): the students' link carries the room id, from which K
 *   cannot be recovered, and the relay recognises the instructor by recomputing it.
 * - A student's secret S: 128 random bits kept in that browser (localStorage, per room). The
 *   student's id is the first 128 bits of SHA-256("student:" + S): everybody sees ids, only the
 *   relay sees secrets, so nobody can write as another student.
 */

const encoder = new TextEncoder();

export const ROOM_ID_BYTES = 16;
export const KEY_BYTES = 32;
export const STUDENT_SECRET_BYTES = 16;

/** base64url without padding: the only characters ids and keys are made of. */
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `bytes` random bytes as base64url (crypto.getRandomValues: the page's and Node's CSPRNG). */
export function randomToken(bytes: number): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** Length of the base64url text of `bytes` bytes. */
export const tokenLength = (bytes: number): number => Math.ceil((bytes * 4) / 3);

/** A well-formed token of exactly `bytes` bytes (checks shape only). */
export function isToken(text: unknown, bytes: number): text is string {
  return typeof text === 'string' && text.length === tokenLength(bytes) && BASE64URL.test(text);
}

async function hashId(label: string, secret: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`${label}:${secret}`)));
  return toBase64Url(digest.slice(0, ROOM_ID_BYTES));
}

export const roomIdForKey = (key: string): Promise<string> => hashId('room', key);
export const studentIdForSecret = (secret: string): Promise<string> => hashId('student', secret);

export const isRoomId = (text: unknown): text is string => isToken(text, ROOM_ID_BYTES);
export const isInstructorKey = (text: unknown): text is string => isToken(text, KEY_BYTES);
export const isStudentSecret = (text: unknown): text is string => isToken(text, STUDENT_SECRET_BYTES);
/** Student ids have the room id's shape (128 bits). */
export const isStudentId = isRoomId;
