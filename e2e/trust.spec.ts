/**
 * What the page says can be trusted, and nothing is thrown away without asking: one status,
 * Reset that asks during a run and goes back to the pretrained model, runs kept across a reload.
 */
import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/playground';

const TINY_RUN = 'trainSize=640&testSize=100&epochs=1&batchSize=32&validationSplit=0.2&backend=wasm';

test('Reset asks before discarding a run in progress; a finished run survives a reload; after Reset the pretrained model is active, and the page says so', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open(`?trainSize=6000&testSize=100&epochs=3&batchSize=32&backend=wasm`);
  await expect(app.trainButton).toBeEnabled({ timeout: 120_000 });
  await app.trainButton.click();
  await expect(app.status).toContainText(/^Training · epoch 1 of 3 · batch [\d,]+ of/);
  // The model being trained is never called untrained.
  await expect(page.getByLabel('Active model')).toContainText('(training, epoch 1)');

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Discard the run in progress?' });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText(/Training · epoch 1 of 3/);
  // Keep training: nothing happened.
  await confirm.getByRole('button', { name: 'Keep training' }).click();
  await expect(confirm).toBeHidden();
  await expect(app.status).toContainText(/^(Training|Validating)/);
  // Stop keeps the run: it is tested and listed in Runs.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await confirm.getByRole('button', { name: 'Stop and keep the run' }).click();
  await expect(app.status).toContainText(/^Stopped in epoch 1, batch [\d,]+ of [\d,]+/, { timeout: 120_000 });
  await app.show('Runs');
  const table = page.getByRole('region', { name: 'Runs' }).getByRole('table').first();
  await expect(table).toContainText('Run 1');

  // A reload keeps the run, its result and its curves.
  await app.open(`?${TINY_RUN}&view=runs`);
  await expect(table).toContainText('Run 1');
  await expect(table).toContainText(/stopped in epoch 1, batch [\d,]+ of [\d,]+/i);

  // A second, finished run is numbered after it; Reset then needs no question: the run is kept in Runs.
  await expect(app.trainButton).toBeEnabled({ timeout: 120_000 });
  await app.trainButton.click();
  await expect(app.status).toContainText('Finished: 1 of 1 epochs', { timeout: 120_000 });
  await expect(table).toContainText('Run 2');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("Reset: the pretrained model is active again; this run's model is kept in the Models view.")).toBeVisible();
  await expect(page.getByLabel('Active model')).toContainText('Pretrained');
  await expect(app.status).toHaveText('Ready to train');
});

test('the backend badge is a plain name; its panel says each thing once and closes on Escape, an outside click and a view change', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open('?view=data');
  const badge = page.getByLabel('Compute backend');
  const summary = badge.locator('summary').first();
  await expect(summary).toHaveText(/^Backend: WebAssembly$/, { timeout: 60_000 });
  const panel = badge.locator('.backend__details');
  await summary.click();
  await expect(panel).toBeVisible();
  // No sentence twice, and no raw driver string up front.
  const sentences = (await panel.locator(':scope > p').allTextContents()).join(' ').split(/(?<=\.)\s+/);
  expect(new Set(sentences).size).toBe(sentences.length);
  expect(await panel.locator(':scope > p').allTextContents()).not.toContainEqual(expect.stringContaining('SwiftShader'));
  // The automatic choice was measured: a few training steps per backend, and why it chose (software GPUs never beat WebAssembly).
  await expect(panel.locator('.backend__probe')).toHaveText(/^Measured on this device with a few training steps of your network: WASM [\d,]+ img\/s \(.*software-rendered, not measured.*\): WASM\.$/);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(summary).toBeFocused();
  await summary.click();
  await expect(panel).toBeVisible();
  await page.getByRole('heading', { name: 'Dataset', level: 2 }).click();
  await expect(panel).toBeHidden();
  await summary.click();
  await expect(panel).toBeVisible();
  await app.nav.getByRole('link', { name: /Runs$/ }).click();
  await expect(panel).toBeHidden();
});

/** Records every layout shift from the first paint on (PerformanceObserver, buffered), with what moved. */
async function recordLayoutShifts(page: import('@playwright/test').Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: { value: number; time: number; sources: string[] }[] };
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; startTime: number; sources?: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] }[]) {
        if (entry.hadRecentInput) continue;
        const sources = (entry.sources ?? []).map((s) => {
          const el = s.node instanceof Element ? s.node : s.node?.parentElement;
          return `${el?.tagName.toLowerCase() ?? '?'}.${el?.className ?? ''} y ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)} h ${Math.round(s.previousRect.height)}→${Math.round(s.currentRect.height)}`;
        });
        w.__shifts.push({ value: entry.value, time: Math.round(entry.startTime), sources });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

const layoutShifts = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as unknown as { __shifts: { value: number; time: number; sources: string[] }[] }).__shifts);

test('a direct visit to Classify: the pad never moves, no false "untrained" banner, layout shift under 0.01', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await recordLayoutShifts(page);
  const app = new PlaygroundPage(page);
  await app.open('?view=classify');
  const pad = page.getByLabel(/^Drawing area/);
  await expect(pad).toBeVisible();
  const firstBox = await pad.boundingBox();
  const notice = page.locator('.classify-notice').first();
  const seen: string[] = [];
  // Until the pretrained model is active, watch what the notice says.
  await expect(async () => {
    const text = (await notice.textContent()) ?? '';
    seen.push(text);
    expect(text).toMatch(/Using Pretrained/);
  }).toPass({ timeout: 120_000, intervals: [50] });
  expect(seen.filter((t) => /has not been trained/.test(t))).toEqual([]);
  await expect(page.getByLabel('Active model')).toContainText('Pretrained');
  const lastBox = await pad.boundingBox();
  expect(lastBox!.y).toBe(firstBox!.y);
  const shifts = await layoutShifts(page);
  const cls = shifts.reduce((sum, s) => sum + s.value, 0);
  console.log(`Classify direct visit: CLS ${cls.toFixed(4)}; ${JSON.stringify(shifts)}`);
  test.info().annotations.push({ type: 'CLS, ?view=classify', description: cls.toFixed(4) });
  expect(cls).toBeLessThan(0.01);
});

test('a direct visit to Evaluate: the pretrained model is evaluated in place, layout shift under 0.01', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await recordLayoutShifts(page);
  const app = new PlaygroundPage(page);
  await app.open('?view=evaluate');
  await expect(page.getByText(/^Final, on all 10,000 test images/)).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText(/Train a model to evaluate it here/)).toHaveCount(0);
  const shifts = await layoutShifts(page);
  const cls = shifts.reduce((sum, s) => sum + s.value, 0);
  console.log(`Evaluate direct visit: CLS ${cls.toFixed(4)}; ${JSON.stringify(shifts)}`);
  test.info().annotations.push({ type: 'CLS, ?view=evaluate', description: cls.toFixed(4) });
  expect(cls).toBeLessThan(0.01);
});

test('on a phone after a run, no view scrolls sideways and axe finds nothing serious (Runs table, model summary, confusion matrix)', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const app = new PlaygroundPage(page);
  await app.open(`?${TINY_RUN}&autostart=1`);
  await expect(app.testAccuracy).toBeVisible({ timeout: 200_000 });
  for (const view of ['Train', 'Model', 'Evaluate', 'Classify', 'Inside the CNN', 'Models', 'Runs', 'Data'] as const) {
    await app.show(view);
    if (view === 'Evaluate') await expect(page.getByRole('region', { name: /^Matrix cells/ })).toBeVisible();
    if (view === 'Runs') await expect(page.getByRole('region', { name: /^Table of every run/ })).toBeVisible();
    if (view === 'Model') await expect(page.getByTestId('tfjs-model-summary')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${view} at 390 px`).toBeLessThanOrEqual(0);
    if (view === 'Runs' || view === 'Model' || view === 'Evaluate') {
      const { default: AxeBuilder } = await import('@axe-core/playwright');
      const results = await new AxeBuilder({ page }).analyze();
      const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(severe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), view).toEqual([]);
    }
  }
});

test('the Train view explains itself: what will appear before a run, a line on how to read each chart, a smoothed loss over the faint raw one, a log-scale toggle, readable axis numbers', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await app.open(`?${TINY_RUN.replace('epochs=1', 'epochs=2')}`);
  // Before a run: no bare "appears when training starts", but what will be drawn and how to read it.
  await expect(page.getByText(/Appears when training starts/)).toHaveCount(0);
  await expect(page.getByText('Press Train: the curve starts here after the first batch.')).toBeVisible();
  await expect(page.getByText(/It starts near 2\.3, a guess among 10 classes/)).toBeVisible();
  await expect(page.getByText(/Early on validation can beat training/)).toBeVisible();
  await expect(page.getByText(/memorising the training images \(overfitting\)/)).toBeVisible();

  await expect(app.trainButton).toBeEnabled({ timeout: 120_000 });
  await app.trainButton.click();
  await expect(app.testAccuracy).toBeVisible({ timeout: 200_000 });
  const lossChart = page.getByTestId('batch-loss-chart');
  // Two curves: each batch (faint) and the smoothed trend; the validation values as dots.
  await expect(lossChart.locator('.mark-line path')).toHaveCount(2);
  await expect(lossChart.locator('.role-axis-title text').filter({ hasText: /^Loss$/ })).toHaveCount(1);
  // Axis numbers as a person writes them ("2.4", "0.35"), never "2.415369".
  const labels = await lossChart.locator('.role-axis-label text').allTextContents();
  expect(labels.length).toBeGreaterThan(0);
  for (const label of labels) expect(label).not.toMatch(/\d\.\d{3,}/);
  await page.getByRole('checkbox', { name: 'log scale' }).check();
  await expect(lossChart.locator('.role-axis-title text').filter({ hasText: 'Loss (log scale)' })).toHaveCount(1);
  // After two epochs the per-epoch charts show a point for each.
  await expect(page.getByTestId('epoch-loss-chart').locator('svg')).toBeVisible();
  await expect(page.getByText(/Drawn after each epoch/)).toHaveCount(0);
});
