/**
 * Tampered addresses from the robustness probe: each one used to blank the page, silently
 * change TensorFlow.js's flags, or flood the page with its own text. Now the page always
 * starts, shows one short notice, and TensorFlow.js never sees the hostile query.
 */
import { expect, test, type Page } from '@playwright/test';
import { PlaygroundPage } from './pages/playground';

const HOSTILE: [query: string, notice: RegExp][] = [
  ['?x=%', /malformed %-escape/],
  ['?foo=%zz', /malformed %-escape/],
  ['?%E0%A4=1', /malformed %-escape/],
  ['?tfjsflags=garbage', /tfjsflags="garbage" ignored: TensorFlow.js settings cannot be changed/],
  ['?tfjsflags=DEBUG:true', /tfjsflags="DEBUG:true" ignored/],
  ['?tfjsflags=WEBGL_VERSION:0', /tfjsflags="WEBGL_VERSION:0" ignored/],
  ['?tfjsflags=WASM_HAS_MULTITHREAD_SUPPORT:false', /tfjsflags=.* ignored/],
  [`?${'epochs=1&'.repeat(10_000)}`, /epochs ignored: it is given 10,000 times/],
  ['?epochs=0x10', /epochs="0x10" ignored: Epochs must be a number/],
  ['?epochs=1&epochs=abc', /epochs ignored: it is given 2 times/],
  ['?instructor=nope', /instructor="nope" ignored: use 1 or 0/],
  ['?bench=0', /bench="0" ignored: this page does not know it/],
  [`?layers=${'x'.repeat(100_000)}`, /layers="x{40}… \(100,000 characters\)" ignored/],
];

/** Everything that would show TensorFlow.js read the address or the page failed to start. */
function watch(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (/feature override from URL/.test(message.text())) errors.push(`tfjs read a flag from the URL: ${message.text()}`);
  });
  return errors;
}

const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

/**
 * The preview server refuses request lines over 16 KB (HTTP 431), as many servers do; other
 * hosts accept more, and a page can also put a long query in place itself. Serve the page
 * for such addresses, so what is tested is how the app reads them.
 */
async function serveLongAddresses(page: Page) {
  await page.route(
    (url) => url.pathname === '/' && url.search.length > 8000,
    async (route) => route.fulfill({ response: await route.fetch({ url: new URL('/', route.request().url()).href }) }),
  );
}

test('each hostile address starts the page with one short notice', async ({ page }) => {
  await serveLongAddresses(page);
  const app = new PlaygroundPage(page);
  await app.open();
  await expect(page.getByRole('alert')).toHaveCount(0);
  const normalHeight = await pageHeight(page);

  for (const [query, notice] of HOSTILE) {
    const errors = watch(page);
    console.log(`hostile address: ${query.slice(0, 80)}`);
    await app.open(query);
    const alert = page.getByRole('alert').filter({ hasText: 'Some settings in the address were not understood' });
    await expect(alert, query.slice(0, 60)).toContainText(notice);
    expect((await alert.textContent())?.length ?? 0, query.slice(0, 60)).toBeLessThan(1500);
    // A notice of a few lines, never the whole hostile value (100 KB once made the page 21,000 px tall).
    expect(await pageHeight(page), query.slice(0, 60)).toBeLessThan(normalHeight + 600);
    // The address bar now holds the canonical query: nothing hostile left for anyone to read.
    const search = await page.evaluate(() => window.location.search);
    expect(search, query.slice(0, 60)).not.toMatch(/tfjsflags|bench|%(?![0-9A-F]{2})|x{100}/);
    expect(errors, query.slice(0, 60)).toEqual([]);
    page.removeAllListeners('pageerror');
    page.removeAllListeners('console');
  }
  // No link reaches the benchmark hook.
  expect(await page.evaluate(() => 'playgroundBench' in window)).toBe(false);
});

test('TensorFlow.js flags in the address change nothing: WebAssembly keeps its threads', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open('?backend=wasm&tfjsflags=WASM_HAS_MULTITHREAD_SUPPORT:false');
  await expect(page.getByRole('alert').first()).toContainText('tfjsflags');
  const threads = Math.min(8, await page.evaluate(() => navigator.hardwareConcurrency));
  await expect(page.getByLabel('Compute backend')).toContainText(`WebAssembly (SIMD, ${threads > 1 ? `${threads} threads` : 'one thread'} + 1 for matrix products)`);
});

test('a network far too big for the browser is refused at the network, with the numbers', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open('?backend=wasm&layers=flat_dense8192_dense8192_dense8192_dense8192_dense10-softmax&trainSize=1000&epochs=1&testSize=100&autostart=1&view=model');
  const model = page.getByRole('region', { name: 'Model' });
  await expect(model.getByRole('alert')).toContainText(/This network has 207,863,818 weights: .* need ~3\.1 GB .* WebAssembly in this browser can use ~2 GB/);
  await expect(page.getByRole('alert', { name: 'Why Train is disabled' })).toContainText('The network has problems');
  await expect(app.trainButton).toBeDisabled();
  // autostart did not start it either.
  await expect(app.status).not.toContainText(/batch \d/);
});

// Probe 6: plain SGD at learning rate 1 blows the loss up within a few batches.
test('optimizer=sgd&lr=1 is caught: the run pauses itself, says why, and restores the weights from before it', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open('?optimizer=sgd&lr=1&trainSize=6000&testSize=100&epochs=1&batchSize=64&validationSplit=0&autostart=1&backend=wasm');
  const notice = page.getByRole('alert', { name: 'Training diverged' });
  await expect(notice).toBeVisible({ timeout: 120_000 });
  await expect(notice).toContainText(/Paused at batch \d+: the loss diverged\./);
  await expect(notice).toContainText(/learning rate/i);
  await expect(app.status).toContainText('Paused');
  await notice.getByRole('button', { name: 'Restore the weights from before this run' }).click();
  await expect(notice).toBeHidden({ timeout: 60_000 });
  // Still paused, with the weights from before: lower the rate and resume, or stop.
  await expect(app.status).toContainText('Paused');
  await app.stopButton.click();
  await expect(app.status).toContainText(/Stopped/, { timeout: 60_000 });
  await expect(app.trainButton).toBeEnabled();
});
