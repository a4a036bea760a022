import { describe, expect, it } from 'vitest';
import { formatDuration } from './format';

describe('durations as a person writes them', () => {
  it('rounds the whole duration first, so a minute never has 60 seconds', () => {
    expect(formatDuration(179.6)).toBe('3 min');
    expect(formatDuration(119.7)).toBe('2 min');
    expect(formatDuration(59.9)).toBe('1 min');
    expect(formatDuration(3599)).toBe('1 h');
  });

  it('uses a precision that fits the size', () => {
    expect(formatDuration(7.2)).toBe('8 s');
    expect(formatDuration(43)).toBe('45 s');
    expect(formatDuration(154)).toBe('2 min 30 s');
    expect(formatDuration(977)).toBe('16 min');
    expect(formatDuration(3900)).toBe('1 h 5 min');
    expect(formatDuration(7200)).toBe('2 h');
  });

  it('never shows a nonsense value', () => {
    for (let s = 0; s < 4 * 3600; s += 0.7) expect(formatDuration(s)).not.toMatch(/\b60 (s|min)\b|\b0 s\b/);
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(Number.NaN)).toBe('–');
  });
});
