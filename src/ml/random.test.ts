import { describe, expect, it } from 'vitest';
import { createRng } from './random';

describe('createRng', () => {
  it('replays the same numbers from a saved state', () => {
    const rng = createRng(42);
    for (let i = 0; i < 10; i++) rng();
    const state = rng.getState();
    const next = [rng(), rng(), rng()];
    const other = createRng(7);
    other.setState(state);
    expect([other(), other(), other()]).toEqual(next);
  });
});
