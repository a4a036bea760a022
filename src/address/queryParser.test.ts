import { describe, expect, it } from 'vitest';
import { MAX_PROBLEMS, MAX_VALUE_LENGTH, capProblems, parseDecimal, parseFlag, parseQuery, shorten } from './queryParser';
import { DEFAULT_RUN_CONFIG } from '../ml/config/runConfig';
import { parseUrlState } from './urlState';

describe('parseQuery: the strict reader of the address', () => {
  it('reads plain parameters, form-encoded spaces and escapes', () => {
    const { values, problems } = parseQuery('?a=1&b=x+y&c=%E2%9C%93&d', ['a', 'b', 'c', 'd']);
    expect(problems).toEqual([]);
    expect([...values]).toEqual([['a', '1'], ['b', 'x y'], ['c', '✓'], ['d', '']]);
  });

  it.each(['?x=%', '?foo=%zz', '?%E0%A4=1', '?epochs=%E0%A4%A'])('reports the malformed escape in %s and keeps going', (search) => {
    const { values, problems } = parseQuery(`${search}&epochs=2`, ['epochs', 'x', 'foo']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^URL part 1 ".*" ignored: it has a malformed %-escape/);
    expect(values.get('epochs')).toBe('2');
  });

  it('reports unknown keys, and TensorFlow.js flags in their own words', () => {
    const { values, problems } = parseQuery('?tfjsflags=WEBGL_VERSION:0&colour=red&epochs=2', ['epochs']);
    expect(values).toEqual(new Map([['epochs', '2']]));
    expect(problems).toEqual([
      'URL parameter tfjsflags="WEBGL_VERSION:0" ignored: TensorFlow.js settings cannot be changed from the address.',
      'URL parameter colour="red" ignored: this page does not know it.',
    ]);
  });

  it('ignores every value of a repeated key and says so once', () => {
    const { values, problems } = parseQuery('?epochs=1&epochs=abc&seed=3', ['epochs', 'seed']);
    expect(values).toEqual(new Map([['seed', '3']]));
    expect(problems).toEqual(['URL parameter epochs ignored: it is given 2 times, so its meaning is unclear.']);
  });

  it('10,000 repeated keys: one short problem', () => {
    const { problems } = parseQuery(`?${'epochs=1&'.repeat(10_000)}`, ['epochs']);
    expect(problems).toEqual(['URL parameter epochs ignored: it is given 10,000 times, so its meaning is unclear.']);
  });

  it('refuses over-long values and shortens them in the message', () => {
    const huge = 'x'.repeat(100_000);
    const { values, problems } = parseQuery(`?layers=${huge}`, ['layers']);
    expect(values.size).toBe(0);
    expect(problems).toEqual([`URL parameter layers="${'x'.repeat(40)}… (100,000 characters)" ignored: longer than ${MAX_VALUE_LENGTH.toLocaleString('en')} characters.`]);
  });

  it('caps the number of problems of each kind', () => {
    const unknown = Array.from({ length: 50 }, (_, i) => `k${i}=1`).join('&');
    const malformed = Array.from({ length: 30 }, () => 'x=%').join('&');
    const { problems } = parseQuery(`?${unknown}&${malformed}`, []);
    expect(problems).toHaveLength(2 * MAX_PROBLEMS + 2);
    expect(problems).toContain(`${50 - MAX_PROBLEMS} more unknown URL parameters ignored.`);
    expect(problems).toContain(`${30 - MAX_PROBLEMS} more URL parts with malformed %-escapes ignored.`);
    const capped = capProblems(problems);
    expect(capped).toHaveLength(MAX_PROBLEMS + 1);
    expect(capped.at(-1)).toBe(`… and ${problems.length - MAX_PROBLEMS} more problems with the URL.`);
  });

  it('shortens long text for messages only when needed', () => {
    expect(shorten('short')).toBe('short');
    expect(shorten('y'.repeat(41))).toBe(`${'y'.repeat(40)}… (41 characters)`);
  });
});

describe('numbers are decimal only, flags only 1/0/true/false', () => {
  it.each([
    ['16', 16],
    ['0.25', 0.25],
    ['.5', 0.5],
    ['1e-4', 0.0001],
    ['-3', -3],
  ])('%s is %d', (raw, value) => expect(parseDecimal(raw)).toBe(value));

  it.each(['0x10', '0b11', '0o7', 'Infinity', '', ' 5', '5 ', '1,5', '1_000', 'NaN', '--1', '1e'])('%j is not a number', (raw) => {
    expect(parseDecimal(raw)).toBeNaN();
  });

  it('flags', () => {
    expect(['1', 'true', 'TRUE', ''].map(parseFlag)).toEqual([true, true, true, true]);
    expect(['0', 'false', 'False'].map(parseFlag)).toEqual([false, false, false]);
    expect(['nope', 'yes', 'on', '2', ' 1'].map(parseFlag)).toEqual([null, null, null, null, null]);
  });

  it('the quirks from the probe are reported, not guessed', () => {
    const { config, view, problems } = parseUrlState('?epochs=0x10&instructor=nope&batchSize=1e1');
    expect(config).toEqual({ ...DEFAULT_RUN_CONFIG, batchSize: 10 });
    expect(view.instructor).toBeNull();
    expect(problems).toEqual([
      'URL parameter epochs="0x10" ignored: Epochs must be a number.',
      'URL parameter instructor="nope" ignored: use 1 or 0.',
    ]);
    expect(parseUrlState('?bench=0').problems).toEqual(['URL parameter bench="0" ignored: this page does not know it.']);
  });
});
