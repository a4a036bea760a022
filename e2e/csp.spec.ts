import { expect, test } from '@playwright/test';
import { recordCsp } from './cspRecorder';
import { ClassifyPanel } from './pages/classify';
import { EvaluationPanel } from './pages/evaluation';
import { InternalsPage } from './pages/internals';
import { PlaygroundPage } from './pages/playground';

const TINY_RUN = '?trainSize=320&testSize=100&epochs=2&batchSize=32&validationSplit=0.2&autostart=1&backend=wasm';
const CHARTS = ['batch-loss-chart', 'batch-accuracy-chart', 'epoch-loss-chart', 'epoch-accuracy-chart'];

test('the preview server sends the strict policy and the security headers', async ({ request }) => {
  for (const path of ['/', '/index.html']) {
    const headers = (await request.get(path)).headers();
    expect(headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(headers).toMatchObject({
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
  }
});

test('load, WASM threads, training, charts, classify and internals run with zero CSP violations', async ({ page }) => {
  const csp = await recordCsp(page);
  const app = new PlaygroundPage(page);
  await app.open(TINY_RUN);

  // WASM threads start from same-origin worker files (no blob: scripts allowed).
  // (Read the core count once the backend is up: while it starts, the page briefly reports twice the cores.)
  await expect(page.getByLabel('Compute backend')).toContainText(/WebAssembly \(SIMD, (\d+ threads|one thread)( \+ 1 for matrix products)?\)/, { timeout: 60_000 });
  const threads = Math.min(8, await page.evaluate(() => navigator.hardwareConcurrency));
  await expect(page.getByLabel('Compute backend')).toContainText(`WebAssembly (SIMD, ${threads > 1 ? `${threads} threads` : 'one thread'} + 1 for matrix products)`);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  // The built model's summary, as TensorFlow.js reports it from the engine.
  await app.show('Model');
  await expect(page.getByTestId('tfjs-model-summary').getByText('conv2d_1')).toBeVisible();
  await app.show('Train');

  await expect(app.testAccuracy).toBeVisible({ timeout: 200_000 });
  // Vega draws through its expression interpreter (no eval): every curve has an svg with marks.
  for (const chart of CHARTS) {
    const container = page.getByTestId(chart);
    await expect(container.locator('svg').first()).toBeVisible();
    await expect(container.locator('svg .mark-line path').first()).toBeAttached();
    // The figure's text alternative names the latest value.
    await expect(container.locator('xpath=..')).toContainText(/(Loss|Accuracy) (at batch|after epoch) \d+: (train )?\d\.\d{3}/);
  }

  await app.show('Evaluate');
  const evaluation = new EvaluationPanel(page);
  await expect(evaluation.matrixTable).toBeVisible();
  await expect(evaluation.perClassChart.locator('svg .mark-rect path').first()).toBeAttached();
  await expect(evaluation.perClassChart.getByRole('img', { name: /^Accuracy \(%\) by class: T-shirt\/top [\d.]+, Trouser/ })).toBeVisible();

  await app.show('Classify');
  const classify = new ClassifyPanel(page);
  await classify.drawShirt();
  await expect(classify.prediction).toContainText(/Most likely: .+ \(\d+ %\)/);
  await expect(classify.chart.locator('svg .mark-rect path').first()).toBeAttached();
  await expect(classify.chart.getByRole('img', { name: /^Probability by class: T-shirt\/top [\d.]+ %.* Highest: .+ [\d.]+ %\.$/ })).toBeVisible();

  const internals = new InternalsPage(page);
  await internals.open();
  await expect(internals.verdict).toContainText(/The network says/);
  await expect(internals.featureMaps('conv2d_1').first()).toBeVisible();

  expect(await csp.violations()).toEqual([]);
  expect(csp.errors).toEqual([]);
});
