/** The lessons' keyboard: next, back, run, reveal (anywhere in the view, never while typing). */

interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly repeat?: boolean;
  readonly target: EventTarget | null | { readonly tagName?: string; readonly type?: string; readonly isContentEditable?: boolean };
}

const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image']);

/** Typing goes to this element (as the app's own shortcuts decide: text fields, selects, editable content). */
function isTypingTarget(target: KeyLike['target']): boolean {
  const t = target as { tagName?: string; type?: string; isContentEditable?: boolean } | null;
  if (!t || typeof t !== 'object') return false;
  const tag = (t.tagName ?? '').toUpperCase();
  if (t.isContentEditable) return true;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !NON_TEXT_INPUTS.has((t.type ?? 'text').toLowerCase());
}

export type LessonCommand = 'next' | 'back' | 'run' | 'reveal';

export const LESSON_KEYS: readonly { readonly keys: readonly string[]; readonly display: string; readonly command: LessonCommand; readonly label: string }[] = [
  { keys: ['n', 'arrowright'], display: 'N or →', command: 'next', label: 'Next lesson' },
  { keys: ['b', 'arrowleft'], display: 'B or ←', command: 'back', label: 'Previous lesson' },
  { keys: ['e'], display: 'E', command: 'run', label: 'Run the experiment' },
  { keys: ['v'], display: 'V', command: 'reveal', label: 'Reveal the result' },
];

/** Arrow keys move within these controls, so they are left alone there. */
const ARROW_CONTROLS = new Set(['radio', 'range']);

export function lessonCommandFor(event: KeyLike & { readonly defaultPrevented?: boolean }): LessonCommand | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return null;
  if (isTypingTarget(event.target)) return null;
  const key = event.key.toLowerCase();
  const target = event.target as { tagName?: string; type?: string } | null;
  if (key.startsWith('arrow') && target?.tagName?.toUpperCase() === 'INPUT' && ARROW_CONTROLS.has((target.type ?? '').toLowerCase())) return null;
  return LESSON_KEYS.find((k) => k.keys.includes(key))?.command ?? null;
}
