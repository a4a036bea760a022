/**
 * Records Content-Security-Policy violations and console errors of a page, from before its
 * first script runs (the listener is installed by an init script, so early violations count).
 */
import type { Page } from '@playwright/test';

export interface Violation {
  readonly directive: string;
  readonly blockedURI: string;
  readonly sourceFile: string;
  readonly sample: string;
}

export interface CspRecorder {
  /** Violations seen so far, by the page and every frame. */
  violations(): Promise<Violation[]>;
  /** Console errors and uncaught exceptions, from the page and its workers. */
  readonly errors: string[];
}

export async function recordCsp(page: Page): Promise<CspRecorder> {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { cspViolations: unknown[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push({ directive: e.violatedDirective, blockedURI: e.blockedURI, sourceFile: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`, sample: e.sample });
    });
  });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('worker', (worker) => worker.on('console', (message) => message.type() === 'error' && errors.push(`worker: ${message.text()}`)));
  return {
    errors,
    violations: () => page.evaluate(() => (window as unknown as { cspViolations: Violation[] }).cspViolations),
  };
}
