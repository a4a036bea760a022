import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/playground';

test('loads all 70,000 images with progress, shows samples and the model summary', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open('?view=data');
  await expect(app.downloadBar).toBeVisible();
  await app.waitForAllData();
  await expect(app.downloadBar).toHaveAttribute('value', '1');
  await expect(page.getByText(/loaded in \d+(\.\d)? s/)).toBeVisible();

  const grid = page.getByRole('list', { name: 'Training samples' });
  await expect(grid.getByTestId('sample-image')).toHaveCount(25);
  await page.getByLabel('Show class').selectOption({ label: 'Sneaker' });
  await expect(grid.getByTestId('sample-image')).toHaveCount(25);
  await expect(grid.getByText('Sneaker', { exact: true })).toHaveCount(25);

  await app.show('Model');
  const summary = page.getByTestId('model-summary');
  await expect(summary.getByText('conv2d_1')).toBeVisible();
  await expect(summary.getByText('[batch,26,26,32]')).toBeVisible();
  await expect(page.getByText('Total parameters: 225,034')).toBeVisible();
  // TensorFlow.js's own report of the built model agrees with the editor's.
  const tfjsSummary = page.getByTestId('tfjs-model-summary');
  // On a first visit the active model is the pretrained one (the Modern preset: 'same' padding), not the network edited above.
  await expect(tfjsSummary.getByText('conv2d_1')).toBeVisible();
  await expect(tfjsSummary.getByText('[batch,28,28,32]')).toBeVisible();
  await expect(tfjsSummary.getByText('320', { exact: true })).toBeVisible(); // conv2d_1: 3·3·32 + 32
  await expect(page.getByText('This is not the network above: Train builds that one and makes it the active model.')).toBeVisible();
  // Automatic choice: WebGL is software-rendered here, so WebAssembly is picked, and the page says why.
  expect(await app.activeBackend()).toBe('wasm');
  await expect(page.getByLabel('Compute backend')).toContainText(/software-rendered/);
  // The page is cross-origin isolated, so WebAssembly runs with SIMD and one thread per
  // logical core (tfjs's worker pool holds 8).
  const threads = Math.min(8, await page.evaluate(() => navigator.hardwareConcurrency));
  await expect(page.getByLabel('Compute backend')).toContainText(`WebAssembly (SIMD, ${threads > 1 ? `${threads} threads` : 'one thread'} + 1 for matrix products)`);
});

test('a tiny run from the URL trains on WebGL, draws curves and reports a test accuracy', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open('?trainSize=160&testSize=100&epochs=2&batchSize=16&validationSplit=0.2&autostart=1&backend=webgl');
  await expect(app.status).toContainText(/Training|Validating|Evaluating|Finished/, { timeout: 60_000 });
  // WebGL here is SwiftShader: assert it really ran, rather than tfjs's silent CPU fallback.
  expect(await app.activeBackend()).toBe('webgl');
  await expect(page.getByLabel('Compute backend')).toContainText(/SwiftShader|GPU:/);
  await expect(app.testAccuracy).toBeVisible({ timeout: 200_000 });
  await expect(app.status).toContainText('Finished');
  await expect(page.getByTestId('batch-loss-chart').locator('canvas, svg').first()).toBeVisible();
  await expect(page.getByTestId('epoch-accuracy-chart').locator('canvas, svg').first()).toBeVisible();
  // Epochs are counted 1, 2 on the x axis: no 0, no fractional ticks.
  const epochTicks = page.getByTestId('epoch-accuracy-chart').locator('[aria-roledescription="axis"][aria-label^="X-axis"] .role-axis-label text');
  await expect(epochTicks).toHaveText(['1', '2']);
  const accuracy = await app.testAccuracyValue();
  expect(accuracy).toBeGreaterThan(0.1);
  await page.screenshot({ path: 'test-results/tiny-run-webgl.png', fullPage: true });
});

test('one epoch on 2,000 examples scores clearly above chance on all 10,000 test images', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open('?trainSize=2000&testSize=10000&epochs=1&validationSplit=0&autostart=1&backend=wasm');
  await expect(app.testAccuracy).toBeVisible({ timeout: 200_000 });
  await expect(page.getByText(/on 10,000 test images never seen in training/)).toBeVisible();
  expect(await app.testAccuracyValue()).toBeGreaterThanOrEqual(0.6);
  await page.screenshot({ path: 'test-results/one-epoch-2000.png', fullPage: true });
});

for (const backend of ['wasm', 'cpu'] as const) {
  test(`a tiny run trains on the ${backend} backend`, async ({ page }) => {
    const app = new PlaygroundPage(page);
    const size = backend === 'cpu' ? 48 : 320;
    await app.open(`?trainSize=${size}&testSize=100&epochs=1&batchSize=16&validationSplit=0&autostart=1&backend=${backend}`);
    await expect(app.testAccuracy).toBeVisible({ timeout: 200_000 });
    expect(await app.activeBackend()).toBe(backend);
    await expect(app.status).toContainText('Finished');
  });
}
