import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/playground';

// `npm run dev` (React StrictMode, unbundled modules) must draw what the build draws.
test('on the development server a tiny run draws the batch and epoch curves', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open('?trainSize=320&testSize=100&epochs=2&batchSize=32&validationSplit=0.2&autostart=1&backend=wasm');
  await expect(app.testAccuracy).toBeVisible({ timeout: 200_000 });
  // The gemm helper worker (nested in the engine's) loads from the development server too.
  await expect(page.getByLabel('Compute backend')).toContainText('+ 1 for matrix products');
  for (const chart of ['batch-loss-chart', 'batch-accuracy-chart', 'epoch-loss-chart', 'epoch-accuracy-chart']) {
    const drawn = page.getByTestId(chart).locator('canvas, svg').first();
    await expect(drawn).toBeVisible();
    expect((await drawn.boundingBox())?.height ?? 0).toBeGreaterThan(50);
  }
});

// The development server never registers the service worker (no stale cache while editing), and says so.
test('on the development server no service worker is registered, and the page says offline use is off', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open('?view=data');
  await expect(page.getByLabel('Offline use')).toContainText('Offline use is off on the development server');
  await expect(page.getByRole('contentinfo')).toContainText('Not available offline');
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
});
