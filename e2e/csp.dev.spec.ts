import { expect, test } from '@playwright/test';
import { recordCsp } from './cspRecorder';
import { ClassifyPanel } from './pages/classify';
import { PlaygroundPage } from './pages/playground';

const TINY_RUN = '?trainSize=320&testSize=100&epochs=2&batchSize=32&validationSplit=0.2&autostart=1&backend=wasm';

// `npm run dev` runs under the same policy plus one nonce for its inline React refresh script.
test('on the development server the app trains, draws and classifies with zero CSP violations', async ({ page, request }) => {
  const headers = (await request.get('/')).headers();
  const policy = headers['content-security-policy'];
  const nonce = /script-src 'self' 'wasm-unsafe-eval' 'nonce-([A-Za-z0-9+/=]+)';/.exec(policy)?.[1];
  expect(nonce, policy).toBeTruthy();
  expect(policy).not.toMatch(/'unsafe-eval'|'unsafe-inline'[^;]*;[^;]*worker|blob:[^;]*; style/);
  expect(headers).toMatchObject({ 'cross-origin-embedder-policy': 'require-corp', 'x-content-type-options': 'nosniff' });
  // The <meta> policy carries the same nonce under `vite` (the production one would block the inline script).
  expect(await (await request.get('/')).text()).toContain(`'nonce-${nonce}'`);

  const csp = await recordCsp(page);
  const app = new PlaygroundPage(page);
  await app.open(TINY_RUN);
  await expect(page.getByLabel('Compute backend')).toContainText(/WebAssembly \(SIMD, (\d+ threads|one thread)( \+ 1 for matrix products)?\)/, { timeout: 120_000 });
  const threads = Math.min(8, await page.evaluate(() => navigator.hardwareConcurrency));
  await expect(page.getByLabel('Compute backend')).toContainText(`WebAssembly (SIMD, ${threads > 1 ? `${threads} threads` : 'one thread'} + 1 for matrix products)`);
  await expect(app.testAccuracy).toBeVisible({ timeout: 200_000 });
  for (const chart of ['batch-loss-chart', 'epoch-accuracy-chart']) {
    await expect(page.getByTestId(chart).locator('svg .mark-line path').first()).toBeAttached();
  }
  await app.show('Classify');
  const classify = new ClassifyPanel(page);
  await classify.drawShirt();
  await expect(classify.chart.locator('svg .mark-rect path').first()).toBeAttached();

  expect(await csp.violations()).toEqual([]);
  expect(csp.errors).toEqual([]);
});
