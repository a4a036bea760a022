/**
 * Figures of the app on a plain static server (no COOP/COEP/CSP headers) under a sub-path, as
 * an instructor would host it: bytes of a first and a second (online) visit, time to Train
 * enabled on the first visit and on a second one offline, WebAssembly threads before and after
 * the service worker, and training images/s on one thread against two, in the same run.
 *
 *   npm run build && npx tsx scripts/bench/staticHost.ts [--port=4183]
 */
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/browser';
import { startStaticServer } from '../../e2e/support/staticServer';
import type { BenchHarness } from '../../src/bench/harness';

const port = Number(process.argv.find((a) => a.startsWith('--port='))?.slice(7) ?? 4183);
const server = await startStaticServer({ root: 'dist', mount: '/class/playground/', port });
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.addInitScript(() => ((window as { __PLAYGROUND_BENCH__?: boolean }).__PLAYGROUND_BENCH__ = true));
const page = await context.newPage();
const url = `${server.appUrl}?backend=wasm`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

async function visit(p: Page): Promise<number> {
  const started = Date.now();
  await p.goto(url);
  await p.getByRole('button', { name: 'Train', exact: true }).and(p.locator(':enabled')).first().waitFor({ timeout: 300_000 });
  return Date.now() - started;
}
const details = (p: Page) => p.getByLabel('Compute backend').locator('.backend__details').first().textContent();
async function imagesPerSecond(p: Page): Promise<number> {
  await p.evaluate(() => (window as unknown as { playgroundBench: BenchHarness }).playgroundBench.ready());
  const m = await p.evaluate(() =>
    (window as unknown as { playgroundBench: BenchHarness }).playgroundBench.measure({ trainExamples: 6400, baselineExamples: 0, batchSize: 64, warmupBatches: 10, evalImages: 100, predictCalls: 5 }),
  );
  return m.trainExamplesPerSec;
}

const log = (step: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${step}`);
log('first visit');
const firstMs = await visit(page);
log('waiting for the offline copy');
const threadsBefore = await details(page);
await page.getByText('Available offline: 32 MB').first().waitFor({ timeout: 300_000 });
const firstBytes = server.bytesSent();
log('measuring one thread');
const oneThread = await imagesPerSecond(page);
log('second visit');

server.resetCount();
const secondOnlineMs = await visit(page);
await page.evaluate(() => (window as unknown as { playgroundBench: BenchHarness }).playgroundBench.ready());
const secondBytes = server.bytesSent();
const threadsAfter = await details(page);
log('measuring two threads');
const twoThreads = await imagesPerSecond(page);
log('offline visit');

await server.close();
await context.setOffline(true);
const offlineMs = await visit(page);

console.log(`first visit: ${mb(firstBytes)} downloaded (app, precache, dataset), Train enabled after ${(firstMs / 1000).toFixed(1)} s`);
console.log(`second visit (online): ${mb(secondBytes)} downloaded (${secondBytes} bytes), Train enabled after ${(secondOnlineMs / 1000).toFixed(1)} s`);
console.log(`second visit (offline): Train enabled after ${(offlineMs / 1000).toFixed(1)} s`);
console.log(`backend before the service worker: ${threadsBefore}`);
console.log(`backend after: ${threadsAfter}`);
console.log(`WASM training, default CNN, batch 64: one thread ${oneThread.toFixed(0)} images/s, two threads ${twoThreads.toFixed(0)} images/s (${(twoThreads / oneThread).toFixed(2)}×)`);
await browser.close();
