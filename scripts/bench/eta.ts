/**
 * npm run bench:eta [-- --no-build] [-- --query=epochs=2]
 *
 * How far the time left shown in the control bar is from the truth over a full default run
 * (Simple CNN, 60,000 images, 5 epochs, the automatic backend), as a person sees it: the
 * production build in headless Chromium, the Train view open, Train clicked once all the data is
 * in. Every second it reads the status and "about … left"; when the run has finished it takes
 * the shown ETA at 10%, 50% and 90% of the run's wall time and compares it with the time that
 * was really left. Several minutes of both cores: run it on its own, not in the test suite.
 *
 * Writes bench/eta.json (the errors, the machine's load average before and after, the samples).
 * Serves dist/ (built first unless --no-build) with `vite preview` on $ETA_PORT (default 4303).
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { servePreview } from './previewServer';
import { chromium, expect } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/browser';
import { etaErrors, parseShownDuration, type EtaSample } from './etaErrors';

const root = resolve(import.meta.dirname, '../..');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const PORT = Number(process.env.ETA_PORT ?? 4303);
const BASE = `http://127.0.0.1:${PORT}/`;
// The default run unless told otherwise (e.g. --query=epochs=1&trainSize=10000 for a quick try).
const QUERY = arg('query') ?? '';
const log = (line: string) => console.log(`[eta] ${line}`);

const serve = () => servePreview(root, PORT);

async function main() {
  const server = await serve();
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const loadBefore = loadavg();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    // The Data view says when all 70,000 images are in; the run is then timed on the Train view.
    await page.goto(`${BASE}?view=data${QUERY ? `&${QUERY}` : ''}`);
    await page.getByText(/70,000 of 70,000 images/).waitFor({ timeout: 600_000 });
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /Train$/ }).click();
    const train = page.getByRole('button', { name: 'Train', exact: true });
    await expect(train).toBeEnabled({ timeout: 600_000 });
    const status = page.getByRole('status', { name: 'Training status' });
    const eta = page.locator('span[title^="Time left in this run"]');
    const backend = await page.getByLabel('Compute backend').locator('[data-backend]').getAttribute('data-backend');
    const start = Date.now();
    await train.click();
    log(`training on ${backend} (${QUERY || 'default run'}), load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
    const samples: EtaSample[] = [];
    let lastLog = 0;
    for (;;) {
      const [statusText, etaText] = await Promise.all([status.textContent(), eta.textContent()]);
      const t = (Date.now() - start) / 1000;
      samples.push({ t, status: statusText ?? '', eta: parseShownDuration(etaText ?? '') });
      if (/^(Finished|Stopped)/.test(statusText ?? '')) break;
      if (t - lastLog >= 30) {
        lastLog = t;
        log(`${t.toFixed(0)} s: ${statusText} · ${etaText}`);
      }
      if (t > 3 * 3600) throw new Error('the run did not finish within 3 hours');
      await page.waitForTimeout(1000);
    }
    const loadAfter = loadavg();
    const result = etaErrors(samples);
    const testAccuracy = await page.getByTestId('test-accuracy').textContent().catch(() => null);
    for (const at of result.at) {
      log(`at ${Math.round(at.fraction * 100)}% (${at.t.toFixed(0)} s): shown ${at.shown === null ? '–' : `${at.shown} s`}, really ${at.actual.toFixed(0)} s left: error ${at.error === null ? '–' : `${(at.error * 100).toFixed(1)}%`}`);
    }
    log(`run took ${result.totalSeconds.toFixed(0)} s; load average before ${loadBefore.map((l) => l.toFixed(1)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(1)).join(' ')}`);
    const file = resolve(root, 'bench/eta.json');
    await writeFile(
      file,
      `${JSON.stringify(
        { date: new Date().toISOString(), query: QUERY || '(default run)', backend, cores: cpus().length, loadBefore, loadAfter, testAccuracy, ...result, samples: samples.map((s) => ({ ...s, t: Math.round(s.t * 10) / 10 })) },
        null,
        1,
      )}\n`,
    );
    log(`written to ${file}`);
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  }
}

await main();
