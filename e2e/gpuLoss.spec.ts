import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/playground';

// A real WebGL context (SwiftShader here) in the engine's worker, lost mid-run as a driver reset
// would lose it (WEBGL_lose_context, through the benchmark harness: no address can reach it).
test('a WebGL context lost mid-run is reported, the backend restarts, and training works again', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { __PLAYGROUND_BENCH__: boolean }).__PLAYGROUND_BENCH__ = true;
  });
  const app = new PlaygroundPage(page);
  await app.open('?trainSize=4000&testSize=100&epochs=2&batchSize=32&validationSplit=0&autostart=1&backend=webgl');
  await expect(app.status).toContainText(/Training · epoch 1 of 2 · batch \d+/, { timeout: 180_000 });
  expect(await app.activeBackend()).toBe('webgl');

  await page.waitForFunction(() => 'playgroundBench' in window);
  const lost = await page.evaluate(() => (window as unknown as { playgroundBench: { loseDevice(): Promise<boolean> } }).playgroundBench.loseDevice());
  expect(lost).toBe(true);

  // Said once, in the page's banner (the run's own status shows the same words, unannounced).
  const alert = page.getByRole('alert').filter({ hasText: 'The GPU context was lost' });
  await expect(alert).toBeVisible({ timeout: 60_000 });
  await expect(alert).toContainText(/at epoch 1, batch \d+/);
  await expect(alert).toContainText('No epoch had finished, so train again.');
  await expect(app.status).toContainText('Training failed');
  // The page is whole: the views still open, and the restarted backend trains.
  await app.show('Model');
  await app.show('Train');
  await expect(page.getByLabel('Compute backend')).toContainText('WebGL', { timeout: 60_000 });
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('button', { name: 'Dismiss' })).toBeHidden();
  await app.trainButton.click();
  await expect(app.status).toContainText(/Training · epoch 1 of 2 · batch \d+/, { timeout: 120_000 });
  expect(await app.activeBackend()).toBe('webgl');
  await app.stopButton.click();
  await expect(app.status).toContainText(/Stopped|Evaluating|Finished/, { timeout: 120_000 });
});
