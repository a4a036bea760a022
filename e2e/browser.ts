/**
 * Finds a Chromium for the e2e tests, in this order: $CHROMIUM_PATH (or
 * $PLAYWRIGHT_CHROMIUM_EXECUTABLE), a system Chromium/Chrome, Playwright's own download.
 * With none, says exactly what to install. No browser is ever downloaded by the tests.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH || process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  const system = SYSTEM_BROWSERS.find((path) => existsSync(path));
  if (system) return system;
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // Playwright has no browser of its own installed; fall through to the message.
  }
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one of: Debian/Ubuntu "sudo apt-get install chromium", ' +
      'or "npx playwright install chromium"; or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
}

/** Flags for a quiet, offline-safe headless run; SwiftShader gives WebGL without a GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];
