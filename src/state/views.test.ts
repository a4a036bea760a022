import { describe, expect, it } from 'vitest';
import { viewFromSearch } from './views';

describe('the view in the address', () => {
  it('reads a known view, case and spaces aside', () => {
    expect(viewFromSearch('?view=evaluate')).toEqual({ view: 'evaluate', problem: null });
    expect(viewFromSearch('?trainSize=100&view=%20Internals%20')).toEqual({ view: 'internals', problem: null });
  });

  it('opens the Train view without one', () => {
    expect(viewFromSearch('')).toEqual({ view: 'train', problem: null });
    expect(viewFromSearch('?view=')).toEqual({ view: 'train', problem: null });
  });

  it('says which names work when the view is unknown, and opens the Train view', () => {
    const { view, problem } = viewFromSearch('?view=models');
    expect(view).toBe('train');
    expect(problem).toMatch(/view="models" ignored: use one of train, model, evaluate/);
  });
});
