import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { ClassifyPanel, fixture } from './pages/classify';
import { PlaygroundPage } from './pages/playground';

const activeModel = (page: Page) => page.getByLabel('Active model').first();

test('a first visit classifies a drawing with the pretrained model before any training', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const opened = Date.now();
  await app.open('?view=classify');
  await expect(activeModel(page)).toContainText(/Pretrained.*\(pretrained, \d+\.\d% on 10,000 test images\)/, { timeout: 120_000 });
  const classify = new ClassifyPanel(page);
  await classify.drawShirt();
  await expect(classify.prediction).toContainText(/Most likely: .+ \(\d+ %\)/);
  console.log(`page open → first pretrained prediction: ${Date.now() - opened} ms`);
  const predicted = await classify.predictedClass();
  // The evaluation view shows the pretrained model's own test evaluation.
  await app.show('Evaluate');
  await expect(page.getByRole('region', { name: 'Evaluation on the test set' })).toContainText(/Accuracy \d+\.\d%/, { timeout: 120_000 });
  // Back in Classify, the drawing is still there, classified as before; Undo still knows its strokes.
  await app.show('Classify');
  await expect(classify.prediction).toContainText(`Most likely: ${predicted}`);
  await expect(classify.panel.getByRole('button', { name: 'Undo' })).toBeEnabled();
});

test('a tiny run is saved, survives a reload, is exported and imported in a fresh browser context with the same prediction', async ({ page, browser }, testInfo) => {
  const app = new PlaygroundPage(page);
  await app.open('?trainSize=320&testSize=100&epochs=1&batchSize=32&validationSplit=0&autostart=1&backend=wasm');
  await expect(app.testAccuracy).toBeVisible({ timeout: 200_000 });
  await expect(activeModel(page)).toContainText('trained in this tab');

  // One uploaded photo: a single input, so the first prediction shown is the final one.
  const predictionOf = async (p: Page) => {
    await new PlaygroundPage(p).show('Classify');
    const classify = new ClassifyPanel(p);
    await classify.upload(fixture('trouser-photo.png', 'image/png'));
    await expect(classify.prediction).toContainText(/Most likely: .+ \(\d+ %\)/);
    return (await classify.prediction.textContent()) ?? '';
  };
  const trained = await predictionOf(page);

  await app.show('Models');
  const models = page.getByRole('region', { name: 'Models' });
  await models.getByLabel('Save the active model as').fill('My tiny run');
  let started = Date.now();
  await models.getByRole('button', { name: 'Save in this browser' }).click();
  await expect(models.getByRole('status')).toContainText('Saved “My tiny run”');
  console.log(`save: ${Date.now() - started} ms`);
  await expect(models.getByRole('row', { name: /My tiny run/ })).toBeVisible();

  // Opened again (without autostart) the pretrained model is active; the saved one is a click away.
  await app.open('?view=models');
  await expect(activeModel(page)).toContainText(/pretrained/, { timeout: 120_000 });
  started = Date.now();
  await models.getByRole('button', { name: 'Use My tiny run' }).click();
  await expect(activeModel(page)).toContainText('My tiny run (saved in this browser');
  console.log(`load: ${Date.now() - started} ms`);
  expect(await predictionOf(page)).toBe(trained);

  await app.show('Models');
  started = Date.now();
  const download = page.waitForEvent('download');
  await models.getByRole('button', { name: 'Export the active model as a file' }).click();
  const file = testInfo.outputPath((await download).suggestedFilename());
  await (await download).saveAs(file);
  console.log(`export: ${Date.now() - started} ms, ${readFileSync(file).length} bytes`);
  expect((await download).suggestedFilename()).toBe('fashion-cnn-my-tiny-run.zip');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const otherApp = new PlaygroundPage(other);
  await otherApp.open('?view=models');
  await expect(activeModel(other)).toContainText(/pretrained/, { timeout: 120_000 });
  started = Date.now();
  await other.getByLabel('Import a model file (.zip exported from this app)').setInputFiles(file);
  await expect(other.getByRole('region', { name: 'Models' }).getByRole('status')).toContainText('is now the active model');
  console.log(`import: ${Date.now() - started} ms`);
  await expect(activeModel(other)).toContainText('My tiny run (imported');
  expect(await predictionOf(other)).toBe(trained);

  // A file that is not a model is refused with a message; the active model stays.
  await otherApp.show('Models');
  await other.getByLabel('Import a model file (.zip exported from this app)').setInputFiles({ name: 'notes.zip', mimeType: 'application/zip', buffer: Buffer.from('hello, not a zip') });
  await expect(other.getByRole('region', { name: 'Models' }).getByRole('alert')).toContainText(/not a/i);
  await expect(activeModel(other)).toContainText('My tiny run (imported');
  await fresh.close();
});

test('a run interrupted by a reload resumes from its last epoch and continues its curve', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open('?trainSize=1920&testSize=100&epochs=3&batchSize=32&validationSplit=0&backend=wasm&autostart=1');
  // Epoch 2 means epoch 1 finished, and with it its checkpoint.
  await expect(app.status).toContainText(/epoch 2/i, { timeout: 200_000 });
  // The tab is closed mid-run and the page opened again (the same settings, without autostart).
  await app.open('?trainSize=1920&testSize=100&epochs=3&batchSize=32&validationSplit=0&backend=wasm');
  const banner = page.getByRole('region', { name: 'Interrupted run' });
  await expect(banner).toContainText(/stopped after epoch [12] of 3/, { timeout: 60_000 });
  await banner.getByRole('button', { name: /Resume from epoch/ }).click();
  await expect(app.testAccuracy).toBeVisible({ timeout: 200_000 });
  await expect(app.status).toContainText('Finished');
  // The curve continues: it starts at batch 1, not at the first batch after the reload.
  const ticks = page.getByTestId('epoch-loss-chart').locator('[aria-roledescription="axis"][aria-label^="X-axis"] .role-axis-label text');
  await expect(ticks.first()).toHaveText('1');
  await expect(banner).toHaveCount(0);
});
