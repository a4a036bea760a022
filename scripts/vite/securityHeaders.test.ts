import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BENCH_BASELINE_POLICY, devPolicy, metaPolicy, policyText, POLICY, SECURITY_HEADERS } from './securityHeaders';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

describe('security headers', () => {
  it('forbid eval, blob: scripts and inline scripts, and allow WebAssembly', () => {
    const csp = SECURITY_HEADERS['Content-Security-Policy'];
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(csp).not.toMatch(/'unsafe-eval'|blob:[^;]*; style|script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("worker-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(SECURITY_HEADERS).toMatchObject({
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  });

  it('are the policy index.html carries, minus what a <meta> cannot hold', () => {
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(read('index.html'))?.[1];
    expect(meta).toBe(metaPolicy());
    expect(meta).not.toContain('frame-ancestors');
  });

  it('are listed in README.md for static hosts', () => {
    const readme = read('README.md');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(readme).toContain(`${name}: ${value}`);
  });

  it('relax only script-src, and only for the dev server nonce and the benchmark baseline', () => {
    expect(policyText(devPolicy('abc'))).toBe(policyText(POLICY).replace("'wasm-unsafe-eval'", "'wasm-unsafe-eval' 'nonce-abc'"));
    expect(policyText(BENCH_BASELINE_POLICY)).toBe(policyText(POLICY).replace("'wasm-unsafe-eval'", "'wasm-unsafe-eval' 'unsafe-eval'"));
  });
});
