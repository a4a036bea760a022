import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyLike, type TargetLike } from './shortcuts';

const element = (tagName: string, extra: Partial<TargetLike> & { role?: string } = {}): TargetLike => ({
  tagName,
  ...extra,
  getAttribute: (name: string) => (name === 'role' ? (extra.role ?? null) : null),
});
const press = (key: string, target: TargetLike | null = element('BODY'), mods: Partial<KeyLike> = {}): KeyLike => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...mods,
});

describe('instructor shortcuts', () => {
  it('maps T, P, Space, S, R and I to their commands (either case)', () => {
    expect(shortcutFor(press('t'))).toBe('train');
    expect(shortcutFor(press('P'))).toBe('pauseResume');
    expect(shortcutFor(press(' '))).toBe('pauseResume');
    expect(shortcutFor(press('s'))).toBe('step');
    expect(shortcutFor(press('r'))).toBe('reset');
    expect(shortcutFor(press('i'))).toBe('internals');
    expect(shortcutFor(press('x'))).toBeNull();
  });

  it('never fires while typing in a field, a select or editable content', () => {
    expect(shortcutFor(press('t', element('INPUT', { type: 'text' })))).toBeNull();
    expect(shortcutFor(press('s', element('INPUT')))).toBeNull();
    expect(shortcutFor(press('r', element('TEXTAREA')))).toBeNull();
    expect(shortcutFor(press('p', element('SELECT')))).toBeNull();
    expect(shortcutFor(press('p', element('DIV', { isContentEditable: true })))).toBeNull();
    expect(shortcutFor(press('p', element('DIV', { role: 'textbox' })))).toBeNull();
  });

  it('works from buttons and check boxes, but leaves Space to the control it activates', () => {
    expect(shortcutFor(press('p', element('BUTTON')))).toBe('pauseResume');
    expect(shortcutFor(press('s', element('INPUT', { type: 'checkbox' })))).toBe('step');
    expect(shortcutFor(press(' ', element('BUTTON')))).toBeNull();
    expect(shortcutFor(press(' ', element('DIV', { role: 'button' })))).toBeNull();
    expect(shortcutFor(press(' ', element('CANVAS')))).toBe('pauseResume');
  });

  it('ignores modified and repeated presses (browser shortcuts, held keys)', () => {
    expect(shortcutFor(press('r', undefined, { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('t', undefined, { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('s', undefined, { altKey: true }))).toBeNull();
    expect(shortcutFor(press('s', undefined, { repeat: true }))).toBeNull();
  });
});
