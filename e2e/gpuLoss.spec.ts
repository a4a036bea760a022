import { expect, test, type Page } from '@playwright/test';
import { PlaygroundPage } from './pages/playground';

// A real WebGL context (SwiftShader here) in the engine's worker, lost mid-run as a driver reset
// would lose it (WEBGL_lose_context, through the test hooks: no address can reach them).

async function openWithHarness(page: Page, query: string): Promise<PlaygroundPage> {
  await page.addInitScript(() => {
    (window as unknown as { __PLAYGROUND_TEST__: boolean }).__PLAYGROUND_TEST__ = true;
  });
  const app = new PlaygroundPage(page);
  await app.open(query);
  await page.waitForFunction(() => 'playgroundTest' in window, undefined, { timeout: 60_000 });
  return app;
}

const loseContext = (page: Page) => page.evaluate(() => (window as unknown as { playgroundTest: { loseDevice(): Promise<boolean> } }).playgroundTest.loseDevice());

test('a WebGL context lost in epoch 2 is reported, and the run resumes from its epoch-1 checkpoint and finishes', async ({ page }) => {
  const app = await openWithHarness(page, '?trainSize=480&testSize=100&epochs=2&batchSize=32&validationSplit=0&autostart=1&backend=webgl');
  await expect(app.status).toContainText(/Training · epoch 2 of 2 · batch \d+/, { timeout: 180_000 });
  expect(await app.activeBackend()).toBe('webgl');
  expect(await loseContext(page)).toBe(true);

  // Said once, in the page's banner (the run's own status shows the same words, unannounced).
  const alert = page.getByRole('alert').filter({ hasText: 'The GPU context was lost' });
  await expect(alert).toBeVisible({ timeout: 60_000 });
  await expect(alert).toContainText(/at epoch 2, batch \d+/);
  await expect(alert).toContainText('Its checkpoint after epoch 1 is kept: resume it from the banner.');
  await expect(app.status).toContainText('Training failed');
  // The page is whole: views still open, the backend restarted on a fresh context.
  await app.show('Model');
  await app.show('Train');
  await expect(page.getByLabel('Compute backend')).toContainText('WebGL', { timeout: 60_000 });
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('button', { name: 'Dismiss' })).toBeHidden();

  await page.getByRole('region', { name: 'Interrupted run' }).getByRole('button', { name: 'Resume from epoch 2' }).click();
  await expect(app.testAccuracy).toBeVisible({ timeout: 180_000 });
  await expect(app.status).toContainText('Finished: 2 of 2 epochs');
  expect(await app.activeBackend()).toBe('webgl');
  expect(await app.testAccuracyValue()).toBeGreaterThan(0.3);
});

test('a WebGL context lost before any epoch finished leaves a page that trains again', async ({ page }) => {
  const app = await openWithHarness(page, '?trainSize=4000&testSize=100&epochs=2&batchSize=32&validationSplit=0&autostart=1&backend=webgl');
  await expect(app.status).toContainText(/Training · epoch 1 of 2 · batch \d+/, { timeout: 180_000 });
  expect(await loseContext(page)).toBe(true);
  const alert = page.getByRole('alert').filter({ hasText: 'The GPU context was lost' });
  await expect(alert).toContainText('No epoch had finished, so train again.', { timeout: 60_000 });
  await expect(page.getByLabel('Compute backend')).toContainText('WebGL', { timeout: 60_000 });
  await app.trainButton.click();
  await expect(app.status).toContainText(/Training · epoch 1 of 2 · batch \d+/, { timeout: 120_000 });
  expect(await app.activeBackend()).toBe('webgl');
  await app.stopButton.click();
  await expect(app.status).toContainText(/Stopped|Evaluating|Finished/, { timeout: 120_000 });
});
