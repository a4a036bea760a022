/**
 * Instructor keyboard shortcuts: which key does what, and when a key press must be left
 * alone (typing in a field, a modifier held, Space on a control that Space activates).
 */

export type ShortcutCommand = 'train' | 'pauseResume' | 'step' | 'reset' | 'internals';

export interface Shortcut {
  /** KeyboardEvent.key values (lower case) that trigger it. */
  readonly keys: readonly string[];
  /** How the keys are written for people. */
  readonly display: string;
  readonly command: ShortcutCommand;
  readonly label: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['t'], display: 'T', command: 'train', label: 'Train' },
  { keys: ['p', ' '], display: 'P or Space', command: 'pauseResume', label: 'Pause / resume' },
  { keys: ['s'], display: 'S', command: 'step', label: 'Step one batch' },
  { keys: ['r'], display: 'R', command: 'reset', label: 'Reset (back to the pretrained model; asks during a run)' },
  { keys: ['i'], display: 'I', command: 'internals', label: 'Inside the CNN' },
];

/** The parts of an event target the decision needs (an Element satisfies it). */
export interface TargetLike {
  readonly tagName?: string;
  readonly type?: string;
  readonly isContentEditable?: boolean;
  getAttribute?(name: string): string | null;
}

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly repeat?: boolean;
  readonly target: TargetLike | null | EventTarget;
}

const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image']);
const TEXT_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton', 'slider']);
const SPACE_ACTIVATED = new Set(['BUTTON', 'A', 'SUMMARY', 'INPUT', 'SELECT', 'TEXTAREA']);
const SPACE_ROLES = new Set(['button', 'checkbox', 'radio', 'switch', 'link', 'menuitem', 'tab', 'option']);

function asTarget(target: KeyLike['target']): TargetLike | null {
  return target && typeof target === 'object' ? (target as TargetLike) : null;
}

/** Typing goes to this element: text fields, text areas, selects (type-ahead), editable content. */
export function isTypingTarget(target: KeyLike['target']): boolean {
  const t = asTarget(target);
  if (!t) return false;
  const tag = (t.tagName ?? '').toUpperCase();
  if (t.isContentEditable) return true;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((t.type ?? 'text').toLowerCase());
  const role = t.getAttribute?.('role');
  return role ? TEXT_ROLES.has(role) : false;
}

function spaceActivates(target: KeyLike['target']): boolean {
  const t = asTarget(target);
  if (!t) return false;
  if (SPACE_ACTIVATED.has((t.tagName ?? '').toUpperCase())) return true;
  const role = t.getAttribute?.('role');
  return role ? SPACE_ROLES.has(role) : false;
}

/** The command for this key press, or null when it is not a shortcut here. */
export function shortcutFor(event: KeyLike): ShortcutCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return null;
  if (isTypingTarget(event.target)) return null;
  const key = event.key.toLowerCase();
  if (key === ' ' && spaceActivates(event.target)) return null;
  return SHORTCUTS.find((s) => s.keys.includes(key))?.command ?? null;
}
