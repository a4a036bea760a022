/**
 * Thousands of generated hostile addresses (seeded, so a failure reproduces): random bytes,
 * broken %-escapes, repeated and unknown keys, huge values. The parser must never throw,
 * must name every bad key, must always produce a valid setup, and the canonical address it
 * writes back must be safe for TensorFlow.js's own URL flag reader and mean the same thing.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../ml/model/analyze';
import { createRng } from '../ml/random';
import { MAX_PROBLEMS, QUOTE_LENGTH } from './queryParser';
import { NUMERIC_LIMITS, checkNumeric, type RunConfig } from '../ml/config/runConfig';
import { URL_KEYS, canonicalSearch, parseUrlState } from './urlState';

const TRIALS = 3000;

function generator(seed: number) {
  const rng = createRng(seed);
  const int = (n: number) => Math.floor(rng() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const goodValues = ['1', '0', '64', '0.001', 'adam', 'vgg', 'wasm', 'true', 'conv8k3_flat_dense10-softmax', 'pure', 'val_loss'];
  const nastyValues = ['%', '%zz', '%E0%A4', '0x10', 'Infinity', '-1', '1e400', 'nope', '', '+', '%00', '\u0000', 'garbage:true,DEBUG:true'];
  const randomText = (length: number) => Array.from({ length }, () => String.fromCharCode(int(0x3000))).join('');
  const randomBytes = (length: number) => Array.from({ length }, () => `%${int(256).toString(16).padStart(2, '0')}`).join('');
  // Huge values only in short queries: browsers cap an address at about 2 MB anyway.
  const value = (hugeAllowed: boolean): string => {
    switch (int(6)) {
      case 0:
        return pick(goodValues);
      case 1:
        return pick(nastyValues);
      case 2:
        return encodeURIComponent(randomText(int(12)));
      case 3:
        return randomBytes(1 + int(6));
      case 4:
        return hugeAllowed ? 'x'.repeat(int(2) ? 3000 : 100_000) : 'x'.repeat(int(50));
      default:
        return randomText(int(8)).replace(/[&=#]/g, '');
    }
  };
  const key = (): string => {
    switch (int(5)) {
      case 0:
      case 1:
      case 2:
        return pick(URL_KEYS);
      case 3:
        return pick(['tfjsflags', 'bench', 'x', '%', '%E0%A4', 'EPOCHS', '']);
      default:
        return randomBytes(1 + int(3));
    }
  };
  return (): string => {
    const parts: string[] = [];
    const count = int(4) === 0 ? 100 + int(400) : int(10);
    for (let i = 0; i < count; i++) parts.push(int(10) === 0 ? key() : `${key()}=${value(count < 10)}`);
    // Repeat one key on purpose now and then.
    if (int(4) === 0 && parts.length > 0) parts.push(parts[0]);
    return `?${parts.join('&')}`;
  };
}

/** Keys that are unknown, repeated, or carry an unacceptable value, judged independently of the parser. */
function badKeys(search: string): Set<string> {
  const bad = new Set<string>();
  const seen = new Map<string, number>();
  for (const part of search.slice(1).split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const rawKey = equals === -1 ? part : part.slice(0, equals);
    let key: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      decodeURIComponent(part.slice(rawKey.length + 1).replace(/\+/g, ' '));
    } catch {
      continue; // a malformed part is reported by its position, not its key
    }
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (!URL_KEYS.includes(key)) bad.add(key);
  }
  for (const [key, count] of seen) if (count > 1 && URL_KEYS.includes(key)) bad.add(key);
  return bad;
}

function expectValidConfig(config: RunConfig) {
  for (const key of Object.keys(NUMERIC_LIMITS) as (keyof typeof NUMERIC_LIMITS)[]) expect(checkNumeric(key, config[key])).toBeNull();
}

describe('hostile addresses (fuzz)', () => {
  it(`${TRIALS} generated queries: never throw, report every bad key, give a valid setup and a safe canonical address`, () => {
    const next = generator(20_240_613);
    let reportedBadKeys = 0;
    let cappedReports = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const search = next();
      const parsed = parseUrlState(search);
      expectValidConfig(parsed.config);
      expect(analyzeModel(parsed.spec).valid).toBe(true);
      expect(parsed.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS + 1);
      // Messages stay short whatever was in the address.
      for (const problem of parsed.problems) expect(problem.length).toBeLessThan(4 * QUOTE_LENGTH + 200);

      const text = parsed.problems.join('\n');
      const capped = parsed.problems.length > MAX_PROBLEMS || /more (unknown|URL parts)/.test(text);
      if (capped) cappedReports++;
      else {
        for (const key of badKeys(search)) {
          const shown = key.length > QUOTE_LENGTH ? key.slice(0, QUOTE_LENGTH) : key;
          expect(text, `${key} in ${search.slice(0, 200)}`).toContain(`URL parameter ${shown}`);
          reportedBadKeys++;
        }
      }

      const canonical = canonicalSearch(parsed);
      expect(() => tf.env().getQueryParams(canonical)).not.toThrow();
      expect(tf.env().getQueryParams(canonical)).not.toHaveProperty('tfjsflags');
      const again = parseUrlState(canonical);
      expect(again.problems).toEqual([]);
      expect({ config: again.config, spec: again.spec, view: again.view }).toEqual({ config: parsed.config, spec: parsed.spec, view: parsed.view });
    }
    // The generator really produced the cases it is meant to.
    expect(reportedBadKeys).toBeGreaterThan(TRIALS / 2);
    expect(cappedReports).toBeGreaterThan(TRIALS / 50);
  });

  it('the addresses from the probe break TensorFlow.js itself, but not the parser', () => {
    for (const search of ['?x=%', '?foo=%zz', '?%E0%A4=1']) {
      expect(() => tf.env().getQueryParams(search)).toThrow(URIError);
      const parsed = parseUrlState(search);
      expect(parsed.problems).toHaveLength(1);
      expect(canonicalSearch(parsed)).toBe('');
    }
  });
});
