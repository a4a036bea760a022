import { describe, expect, it } from 'vitest';
import { instructorFromSearch, withInstructor } from './instructorParam';

describe('instructor mode in the address', () => {
  it('reads the flag', () => {
    expect(instructorFromSearch('?instructor=1')).toBe(true);
    expect(instructorFromSearch('?epochs=2&instructor=true')).toBe(true);
    expect(instructorFromSearch('?instructor')).toBe(true);
    expect(instructorFromSearch('?instructor=0')).toBe(false);
    expect(instructorFromSearch('?epochs=2')).toBe(false);
  });

  it('sets and removes it, keeping the other parameters', () => {
    expect(withInstructor('http://x/?epochs=2', true)).toBe('http://x/?epochs=2&instructor=1');
    expect(withInstructor('http://x/?instructor=1&epochs=2', false)).toBe('http://x/?epochs=2');
  });
});
