import { expect, test } from '@playwright/test';
import { ModelLabPage } from './pages/modelLab';

/** Small enough to train in seconds on wasm; the data still has to arrive first. */
const TINY = 'backend=wasm&trainSize=640&testSize=100&epochs=1&batchSize=16&validationSplit=0';

test('each preset shows its summary, diagram and parameter count, and goes into the URL', async ({ page }) => {
  const app = new ModelLabPage(page);
  await app.open('?backend=wasm&view=model');
  const presets = [
    { name: 'Simple CNN', id: null, params: '225,034', layers: 7, shape: [3, '[batch,11,11,64]'] },
    { name: 'CNN + Dropout', id: 'dropout', params: '225,034', layers: 10, shape: [9, '[batch,128]'] },
    { name: 'Deep VGG-style', id: 'vgg', params: '1,012,618', layers: 13, shape: [6, '[batch,7,7,256]'] },
    { name: 'Fast CNN (CPU)', id: 'fast', params: '169,530', layers: 9, shape: [4, '[batch,11,11,48]'] },
    { name: 'Wide CNN (CPU, 10 min)', id: 'wide', params: '225,418', layers: 9, shape: [4, '[batch,11,11,64]'] },
    { name: 'Modern', id: 'modern', params: '392,202', layers: 14, shape: [2, '[batch,14,14,32]'] },
  ] as const;
  for (const preset of [...presets.slice(1), presets[0]]) {
    await app.preset(preset.name).check();
    await expect(app.preset(preset.name)).toBeChecked();
    await expect(app.totalParameters).toHaveText(`Total parameters: ${preset.params}`);
    await expect(app.layers.getByRole('group')).toHaveCount(preset.layers);
    const [n, shape] = preset.shape;
    await expect(app.layer(n)).toContainText(`Output ${shape}`);
    await expect(app.layer(preset.layers)).toContainText('output layer (fixed)');
    await expect(app.diagram).toHaveAttribute('aria-label', /^Network diagram: Input 28×28×1 → .* → Dense 10 10$/);
    if (preset.id) await expect(page).toHaveURL(new RegExp(`[?&]preset=${preset.id}(&|$)`));
    else await expect(page).not.toHaveURL(/preset=/);
  }
  // The Modern preset brings its augmentation and the run it is tuned for along.
  await app.preset('Modern').check();
  await expect(app.preset('Modern').locator('xpath=..')).toContainText('15 epochs of batch 128');
  await app.show('Train');
  await expect(page.getByLabel('Random shift (pixels)')).toHaveValue('2');
  await expect(page.getByLabel('Horizontal flip')).toBeChecked();
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('15');
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('128');
  await app.show('Model');
  await app.preset('Simple CNN').check();
  await app.show('Train');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('5');
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('64');
  await app.show('Model');
  await app.modelPanel.screenshot({ path: 'test-results/model-lab-modern.png' });
});

test('adding a layer updates shapes; an impossible setting is explained at the layer and blocks Train', async ({ page }) => {
  const app = new ModelLabPage(page);
  await app.open(`?${TINY}&view=model`);
  await app.waitUntilReady();

  // A Conv2D before Flatten (layer 5): 5×5×64 in, "same" padding keeps 5×5.
  await app.modelPanel.getByLabel('Insert').selectOption({ label: 'before layer 5 (flatten_5)' });
  await app.addLayer('Conv2D');
  await expect(app.layers.getByRole('group')).toHaveCount(8);
  const added = app.layer(5);
  await expect(added).toContainText('Conv2D');
  await expect(added).toContainText('Output [batch,5,5,32] · 18,464 parameters');
  await expect(app.totalParameters).toHaveText('Total parameters: 141,098');
  await expect(page).toHaveURL(/layers=conv32k3_max2_conv64k3_max2_conv32k3same_flat_dense128_dense10-softmax/);

  // Kernel 7×7 with valid padding cannot fit a 5×5 input.
  await added.getByLabel('Padding').selectOption('valid');
  await added.getByLabel('Kernel size').fill('7');
  const message = 'The 5×5 input is smaller than the 7×7 kernel, so the output would be 0×0';
  await expect(added).toContainText(message);
  await expect(app.totalParameters).toContainText('fix the problems below first');
  await expect(app.button('Train')).toBeDisabled();
  await expect(app.button('Step')).toBeDisabled();
  await expect(page.getByRole('alert', { name: 'Why Train is disabled' })).toContainText('The network has problems');
  await expect(app.diagram).toHaveAttribute('aria-label', /Conv 32 7×7 \(problem\)/);
  await page.screenshot({ path: 'test-results/model-lab-invalid.png', fullPage: true });

  // Zero filters: explained at the field, which is marked invalid.
  await added.getByLabel('Kernel size').fill('3');
  await added.getByLabel('Filters').fill('0');
  await expect(added).toContainText('A convolution needs at least 1 filter.');
  await expect(added.getByLabel('Filters')).toHaveAttribute('aria-invalid', 'true');
  await expect(app.button('Train')).toBeDisabled();

  // Dropout rate outside [0, 1): a new Dropout layer set to 1.
  await added.getByLabel('Filters').fill('8');
  await app.modelPanel.getByLabel('Insert').selectOption({ label: 'before the output layer' });
  await app.addLayer('Dropout');
  const dropout = app.layer(8);
  await dropout.getByLabel('Rate').fill('1');
  await expect(dropout).toContainText('Dropout rate must be below 1');
  await expect(app.button('Train')).toBeDisabled();

  // Removing the broken layer fixes it; Train is back.
  await app.modelPanel.getByRole('button', { name: 'Remove layer 8' }).click();
  await expect(app.layers.getByRole('group')).toHaveCount(8);
  await expect(app.button('Train')).toBeEnabled();
  await expect(page.getByRole('alert', { name: 'Why Train is disabled' })).toHaveCount(0);

  // Moving Flatten above the new Conv2D breaks it: a convolution needs an image-shaped input.
  await app.modelPanel.getByRole('button', { name: 'Move layer 6 up' }).click();
  await expect(app.layer(6)).toContainText('needs an image-shaped input');
  await expect(app.button('Train')).toBeDisabled();
  await app.modelPanel.getByRole('button', { name: 'Move layer 5 down' }).click();
  await expect(app.button('Train')).toBeEnabled();

  // An out-of-range hyperparameter also holds Train back.
  await app.show('Train');
  await page.getByLabel('L2 weight decay').fill('2');
  await expect(page.getByLabel('L2 weight decay')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert', { name: 'Why Train is disabled' })).toContainText('L2 weight decay must be between 0 and 0.1.');
  await expect(app.button('Train')).toBeDisabled();
  await page.getByLabel('L2 weight decay').fill('0.0001');
  await expect(app.button('Train')).toBeEnabled();
});

test('Step runs one batch at a time; pause, resume, a live learning-rate change, reset, and runs to compare', async ({ page }) => {
  const app = new ModelLabPage(page);
  await app.open(`?${TINY}`);
  await app.waitUntilReady();

  await app.button('Step').click();
  await expect(app.status).toContainText('Paused');
  await expect(app.status).toContainText('batch 1 of 40');
  await app.button('Step').click();
  await expect(app.status).toContainText('batch 2 of 40');

  // While paused nothing moves on: the next Step below lands on batch 3 exactly.

  // A new learning rate while paused applies from the next batch, and is listed.
  await page.getByLabel('Learning rate').fill('0.005');
  await page.getByLabel('Learning rate').press('Enter');
  await app.button('Step').click();
  await expect(app.status).toContainText('batch 3 of 40');
  await expect(page.getByText('learning rate 0.001 → 0.005 at batch 3')).toBeVisible();
  // …and drawn on the batch curves as a labelled vertical rule.
  const rule = page.getByTestId('batch-loss-chart').locator('[aria-roledescription="rule mark"]');
  await expect(rule).toHaveAttribute('aria-label', 'learning rate 0.001 → 0.005');

  await app.button('Resume').click();
  await expect(app.status).toContainText('Training');
  await app.button('Pause').click();
  // 'Paused' (not 'Pausing…') is shown once the loop has reported every batch it ran and waits,
  // in the same update: the batch number read now is final, and one Step moves it by exactly one.
  await expect(app.status).toContainText('Paused');
  const paused = (await app.batchNumber())!;
  expect(paused).toBeGreaterThanOrEqual(3);
  await app.button('Step').click();
  await expect(app.status).toContainText(`batch ${paused + 1} of 40`);

  await app.button('Resume').click();
  await expect(app.testAccuracy).toBeVisible({ timeout: 120_000 });
  await expect(app.status).toContainText('Finished');

  // The run is kept with its settings and result.
  await app.show('Runs');
  const runs = app.runsPanel.getByRole('table').first();
  await expect(runs.getByRole('row')).toHaveCount(2);
  await expect(runs).toContainText('Run 1');
  await expect(runs).toContainText('Simple CNN');
  await expect(runs).toContainText('lr 0.001 → 0.005');

  // Reset: fresh weights, empty curves, Train again.
  await app.button('Reset').click();
  await expect(app.status).toContainText('Ready to train');
  await app.show('Train');
  await expect(app.testAccuracy).toHaveCount(0);

  // A second run with another learning rate, then compare.
  // exact: the charts' learning-rate markers are labelled "learning rate 0.001 → 0.005" too.
  await page.getByLabel('Learning rate', { exact: true }).fill('0.003');
  await app.button('Train').click();
  await expect(app.testAccuracy).toBeVisible({ timeout: 120_000 });
  await app.show('Runs');
  await expect(runs.getByRole('row')).toHaveCount(3);
  const diff = app.runsPanel.getByRole('table', { name: 'Settings that differ between the ticked runs' });
  await expect(diff.getByRole('row', { name: /Learning rate/ })).toContainText('0.001');
  await expect(diff.getByRole('row', { name: /Learning rate/ })).toContainText('0.003');
  await expect(app.runsPanel.getByTestId('runs-overlay-chart').locator('canvas, svg').first()).toBeVisible();
  await app.runsPanel.getByLabel('Compare Run 1').uncheck();
  await expect(diff).toHaveCount(0);
  await expect(app.runsPanel).toContainText('Tick two or more runs');
  await app.runsPanel.getByLabel('Compare Run 1').check();
  await page.screenshot({ path: 'test-results/model-lab-runs.png', fullPage: true });
});

test('a shared URL reproduces the whole setup; a tampered one is reported and replaced by defaults', async ({ page, context }) => {
  const app = new ModelLabPage(page);
  await app.open(
    '?backend=wasm&epochs=4&batchSize=32&seed=7&earlyStopping=val_accuracy&patience=2&restoreBestWeights=0' +
      '&layers=conv16k5same_bn_max2_drop0.2_conv24k3s2-elu_gap_dense10-softmax&optimizer=rmsprop&lr=0.002&l2=0.0005&shift=1&erase=0.25&view=model',
  );
  await expect(page.getByRole('alert').filter({ hasText: 'not understood' })).toHaveCount(0);
  await expect(app.layers.getByRole('group')).toHaveCount(7);
  await expect(app.layer(1).getByLabel('Filters')).toHaveValue('16');
  await expect(app.layer(1).getByLabel('Kernel size')).toHaveValue('5');
  await expect(app.layer(1).getByLabel('Padding')).toHaveValue('same');
  await expect(app.layer(4).getByLabel('Rate')).toHaveValue('0.2');
  await expect(app.layer(5).getByLabel('Stride')).toHaveValue('2');
  await expect(app.layer(5).getByLabel('Activation')).toHaveValue('elu');
  await expect(app.layer(6)).toContainText('GlobalAveragePooling2D');
  await expect(app.layer(6)).toContainText('Output [batch,24]');
  await expect(app.modelPanel).toContainText('Custom architecture');
  await app.show('Train');
  await expect(page.getByRole('combobox', { name: 'Optimizer', exact: true })).toHaveValue('rmsprop');
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.002');
  await expect(page.getByLabel('L2 weight decay')).toHaveValue('0.0005');
  await expect(page.getByLabel('Random shift (pixels)')).toHaveValue('1');
  await expect(page.getByLabel('Random erasing probability')).toHaveValue('0.25');
  await expect(page.getByLabel('Horizontal flip')).not.toBeChecked();
  await expect(page.getByLabel('Stop when this stops improving')).toHaveValue('val_accuracy');
  await expect(page.getByLabel('Patience (epochs)')).toHaveValue('2');
  await expect(page.getByLabel('Restore best weights')).not.toBeChecked();
  await expect(page.getByLabel('Random seed')).toHaveValue('7');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('4');

  // Edit, then open the address in a new tab: the same setup.
  await page.getByLabel('Horizontal flip').check();
  await app.show('Model');
  await app.layer(5).getByLabel('Filters').fill('40');
  // The address follows the edit once the store has it.
  await expect.poll(() => page.url()).toContain('conv40k3s2-elu');
  const shared = page.url();
  expect(shared).toContain('view=model');
  const other = new ModelLabPage(await context.newPage());
  await other.page.goto(shared);
  await expect(other.layer(5).getByLabel('Filters')).toHaveValue('40');
  await expect(other.totalParameters).toHaveText(await app.totalParameters.innerText());
  await other.show('Train');
  await expect(other.page.getByLabel('Horizontal flip')).toBeChecked();
  await expect(other.page.getByRole('combobox', { name: 'Optimizer', exact: true })).toHaveValue('rmsprop');
  await other.page.close();

  // Tampered: every bad value is named; defaults are used; the page still works.
  await app.open('?backend=wasm&preset=resnet&layers=conv32k3_pool9&lr=-3&optimizer=lbfgs&flip=perhaps&patience=0&view=model');
  const banner = page.getByRole('alert').filter({ hasText: 'not understood' });
  await expect(banner).toContainText('preset="resnet" ignored');
  await expect(banner).toContainText('layers="conv32k3_pool9" ignored: layer 2 "pool9" is not understood');
  await expect(banner).toContainText('lr="-3" ignored: Learning rate must be between');
  await expect(banner).toContainText('optimizer="lbfgs" ignored');
  await expect(banner).toContainText('flip="perhaps" ignored');
  await expect(banner).toContainText('patience="0" ignored');
  await expect(app.preset('Simple CNN')).toBeChecked();
  await expect(app.totalParameters).toHaveText('Total parameters: 225,034');
  await app.show('Train');
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.001');
});
