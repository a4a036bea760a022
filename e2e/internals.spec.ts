import { expect, test } from '@playwright/test';
import { DEFAULT_LAYERS, distinctColours, InternalsPage } from './pages/internals';
import { PlaygroundPage } from './pages/playground';

const TINY_RUN = '?trainSize=400&testSize=100&epochs=1&backend=wasm&autostart=1';

test('after a tiny run, the internals of a chosen test image show every layer, the probabilities and where the network looks', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const internals = new InternalsPage(page);
  await app.open(TINY_RUN);
  await expect(app.testAccuracy).toBeVisible({ timeout: 200_000 });

  await internals.open();
  await internals.pickTestImage(7);

  // Every layer has its maps: conv layers before and after ReLU, pooling, flatten, dense before/after ReLU.
  const expectedMaps: Record<string, number> = { conv2d_1: 64, maxPool2d_2: 32, conv2d_3: 128, maxPool2d_4: 64, flatten_5: 1, dense_6: 2 };
  for (const [layer, count] of Object.entries(expectedMaps)) {
    await expect(internals.featureMaps(layer)).toHaveCount(count);
  }
  await expect(internals.stage('conv2d_1').getByText('before ReLU (convolution + bias)')).toBeVisible();
  await expect(internals.stage('maxPool2d_2').getByText('26×26×32 → 13×13×32: 21,632 values become 5,408.')).toBeVisible();
  expect(await distinctColours(internals.featureMaps('conv2d_1').nth(40))).toBeGreaterThan(3);

  // The output: scores, e^x and probabilities for the ten classes, summing to 100%.
  const softmax = internals.stage('dense_7').getByRole('table');
  await expect(softmax.getByRole('row')).toHaveCount(12);
  await expect(softmax.getByRole('row', { name: /^Sum/ })).toContainText('100.0%');
  await expect(internals.verdict).toContainText(/The network says .+ \(\d+\.\d%\) · true class .+ · after \d+ training batches/);

  // Hover and keyboard focus both tell the layer, channel and value range.
  const thirdMap = internals.featureMaps('conv2d_1').nth(32 + 2);
  await thirdMap.hover();
  await expect(internals.stage('conv2d_1').getByText(/^conv2d_1, channel 3 of 32, after ReLU: min 0, max [\d.e-]+, \d+% zeros$/)).toBeVisible();
  const pooled = internals.featureMaps('maxPool2d_2');
  await pooled.first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(pooled.nth(1)).toBeFocused();
  await expect(pooled.nth(1)).toHaveAttribute('aria-label', /^maxPool2d_2, channel 2 of 32, output: min [\d.e-]+, max [\d.e-]+/);
  await page.keyboard.press('Enter');
  await expect(internals.stage('maxPool2d_2').getByRole('combobox', { name: 'Channel to compare' })).toHaveValue('1');
  await expect(internals.stage('maxPool2d_2').getByTestId('pooling-map')).toHaveCount(3);

  // Filters: the first layer's kernels live, a deeper layer's on demand.
  await expect(internals.stage('conv2d_1').getByTestId('filter-kernel')).toHaveCount(32);
  await internals.stage('conv2d_3').getByRole('button', { name: 'Show the filters of conv2d_3' }).click();
  await expect(internals.stage('conv2d_3').getByTestId('filter-grid')).toBeVisible();

  // What the network looks at, for the predicted class and for a chosen one, both methods.
  const attention = internals.panel.getByRole('region', { name: 'What the network looks at' });
  await expect(attention.getByTestId('attention-map')).toBeVisible();
  await attention.getByLabel('Explain class').selectOption({ label: 'Trouser' });
  await expect(attention.getByRole('img', { name: 'Grad-CAM for Trouser over the image' })).toBeVisible();
  await attention.getByLabel('Gradient saliency').check();
  await expect(attention.getByRole('img', { name: 'Gradient saliency for Trouser over the image' })).toBeVisible();

  // The overfitting reading follows the run (one epoch with a validation split).
  await expect(internals.panel.getByTestId('generalisation-reading')).toContainText('After epoch 1: training');
  await expect(internals.panel.getByText(/^Defences in the current settings: no dropout · no batch normalisation/)).toBeVisible();
  await expect(internals.panel.getByRole('region', { name: 'Reading the confusion matrix' })).toContainText(/the diagonal holds \d+ of 100 test images/);

  // Another image of a chosen class.
  await internals.panel.getByLabel('Of class').selectOption({ label: 'Sneaker' });
  await internals.panel.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(internals.panel.getByRole('img', { name: /^Test image \d+: Sneaker, as the network sees it$/ })).toBeVisible();
  for (const layer of DEFAULT_LAYERS.slice(0, 6)) await expect(internals.featureMaps(layer).first()).toBeVisible();

  const timing = await internals.lastUpdateMs();
  console.log(`internals update (wasm, default model): computed in ${timing.computed} ms, drawn in ${timing.drawn} ms`);
  expect(timing.computed).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/internals-panel.png', fullPage: true });
});

test('a bad image number gets a clear message', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const internals = new InternalsPage(page);
  await app.open('?trainSize=400&testSize=100&epochs=1&backend=wasm');
  await internals.open();
  await expect(internals.featureMaps('conv2d_1')).toHaveCount(64, { timeout: 120_000 });
  // Before any training the pretrained model is active, and the verdict names it (never "untrained").
  await expect(internals.verdict).toContainText('Pretrained (pretrained');
  await internals.imageNumber.fill('abc');
  await expect(internals.panel.getByRole('alert')).toHaveText(/Enter a whole number from 0 to \d+\./);
  await expect(internals.imageNumber).toHaveAttribute('aria-invalid', 'true');
});

test('instructor mode: large type from the URL, shortcuts drive training, internals update live', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const internals = new InternalsPage(page);
  await app.open('?instructor=1&trainSize=6000&testSize=100&epochs=3&batchSize=32&backend=wasm');
  const rootFont = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  expect(rootFont).toBeGreaterThanOrEqual(20);
  const headingFont = await page.getByRole('heading', { name: 'Fashion-MNIST CNN Playground' }).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(headingFont).toBeGreaterThanOrEqual(24);
  const bar = page.getByRole('complementary', { name: 'Instructor mode' });
  // The shortcuts are listed on demand, so the strip stays slim on a projector.
  await bar.getByText('Shortcuts', { exact: true }).click();
  await expect(bar.getByRole('list', { name: 'Keyboard shortcuts' })).toContainText('T Train');
  await expect(page.getByRole('region', { name: 'Explore the data' })).toHaveCount(0);
  await expect(page.getByRole('spinbutton', { name: 'Epochs', exact: true })).toBeHidden();
  await page.screenshot({ path: 'test-results/instructor-mode.png' });

  await expect(app.trainButton).toBeEnabled({ timeout: 120_000 });
  const lastShortcut = bar.getByRole('status', { name: 'Last shortcut' });
  await page.keyboard.press('i');
  await expect(internals.panel.getByRole('button', { name: 'Hide the internals' })).toBeVisible();
  await expect(internals.featureMaps('conv2d_1')).toHaveCount(64);

  await page.keyboard.press('t');
  await expect(app.status).toContainText('Training');
  await expect(lastShortcut).toHaveText('T: Training a new network.');
  // Live: the internals follow the network while it trains.
  await expect.poll(() => internals.batchesShown(), { timeout: 60_000 }).toBeGreaterThan(0);
  const seen = await internals.batchesShown();
  await expect.poll(() => internals.batchesShown(), { timeout: 60_000 }).toBeGreaterThan(seen);

  await page.keyboard.press('p');
  await expect(app.status).toContainText('Paused');
  const batchText = async () => /batch (\d+) of/.exec((await app.status.textContent()) ?? '')?.[1];
  const before = Number(await batchText());
  await page.keyboard.press('s');
  await expect.poll(async () => Number(await batchText())).toBe(before + 1);
  await expect(app.status).toContainText('Paused');

  // Keys typed into a field stay in the field.
  await internals.imageNumber.fill('');
  await internals.imageNumber.pressSequentially('1p');
  await expect(internals.imageNumber).toHaveValue('1p');
  await expect(app.status).toContainText('Paused');
  await internals.imageNumber.fill('12');
  await internals.imageNumber.press('Enter');

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('p');
  await expect(app.status).toContainText(/Training|Validating/);
  await page.keyboard.press('r');
  // A run in progress is never thrown away without asking.
  const confirm = page.getByRole('dialog', { name: 'Discard the run in progress?' });
  await expect(confirm).toBeVisible();
  await expect(lastShortcut).toContainText('R: A run is in progress: confirm on screen');
  await confirm.getByRole('button', { name: 'Discard and reset' }).click();
  await expect(app.status).toContainText('Ready to train', { timeout: 30_000 });
  // After Reset the pretrained model is active again, and the page says so; the run's model is kept aside.
  await expect(page.getByText("Reset: the pretrained model is active again; this run's model is kept in the Models view.")).toBeVisible();
  await expect(page.getByLabel('Active model')).toContainText('Pretrained');
  await expect(internals.verdict).not.toContainText('untrained');
  await page.screenshot({ path: 'test-results/instructor-internals.png', fullPage: true });
});
