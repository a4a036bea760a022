import { expect, test, type Page } from '@playwright/test';
import { EvaluationPanel, type MatrixCell } from './pages/evaluation';
import { PlaygroundPage } from './pages/playground';

const CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** `shown` is `exact` printed with 2 decimals (either rounding of a tie is accepted). */
function expectTwoDecimals(shown: number, exact: number, what: string): void {
  expect(Math.abs(shown - exact), `${what}: shows ${shown} for ${exact}`).toBeLessThanOrEqual(0.005 + 1e-9);
}

/** The report must agree with the matrix: support = row sum, recall = diagonal / support, accuracy = trace / total. */
async function expectReportMatchesMatrix(evaluation: EvaluationPanel, expectedTotal: number): Promise<MatrixCell[]> {
  const cells = await evaluation.readMatrix();
  const report = await evaluation.readReport();
  expect(cells.map((c) => `${c.trueClass}|${c.predictedClass}`)).toEqual(CLASSES.flatMap((t) => CLASSES.map((p) => `${t}|${p}`)));
  const total = cells.reduce((s, c) => s + c.count, 0);
  expect(total).toBe(expectedTotal);
  let diagonalSum = 0;
  CLASSES.forEach((name, t) => {
    const row = cells.slice(t * 10, t * 10 + 10);
    const support = row.reduce((s, c) => s + c.count, 0);
    const diagonal = row[t].count;
    diagonalSum += diagonal;
    const column = cells.filter((_, i) => i % 10 === t).reduce((s, c) => s + c.count, 0);
    const line = report.get(name)!;
    expect(line.support, `${name} support`).toBe(support);
    expectTwoDecimals(line.recall, support ? diagonal / support : 0, `${name} recall`);
    expectTwoDecimals(line.precision, column ? diagonal / column : 0, `${name} precision`);
  });
  expectTwoDecimals(report.get('Accuracy')!.f1, diagonalSum / total, 'accuracy');
  expect(report.get('Accuracy')!.support).toBe(total);
  expectTwoDecimals(report.get('Weighted avg')!.recall, diagonalSum / total, 'weighted recall');
  return cells;
}

async function tensorsInMemory(page: Page): Promise<number> {
  await new PlaygroundPage(page).show('Train');
  const text = await page.getByText('Tensors in memory').locator('xpath=following-sibling::dd[1]').textContent();
  return Number(text);
}

test('after a tiny run: matrix, report, pairs and samples agree, and a clicked cell opens its images', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const evaluation = new EvaluationPanel(page);
  await app.open('?trainSize=600&testSize=300&epochs=2&batchSize=32&validationSplit=0.1&backend=wasm&autostart=1&view=evaluate');
  await expect(evaluation.panel).toBeVisible();
  await expect(evaluation.source).toContainText('Final, on the 300 test images of this run', { timeout: 200_000 });

  await expect(evaluation.matrixTable).toBeVisible();
  await expect(evaluation.perClassChart.locator('canvas, svg').first()).toBeVisible();
  await expect(evaluation.reportTable).toBeVisible();
  const cells = await expectReportMatchesMatrix(evaluation, 300);

  // Sample grid: 30 images; "Mistakes only" shows only wrong ones, "Least confident" the least sure first.
  await expect(evaluation.sampleGrid.getByRole('img')).toHaveCount(30);
  const mistakes = cells.filter((c) => c.trueClass !== c.predictedClass).reduce((s, c) => s + c.count, 0);
  await evaluation.showSamples('Mistakes only');
  await expect(evaluation.sampleGrid.getByRole('img')).toHaveCount(Math.min(30, mistakes));
  for (const label of await evaluation.exampleLabels(evaluation.sampleGrid)) {
    expect(label.verdict).toBe('wrong');
    expect(label.trueClass).not.toBe(label.predictedClass);
  }
  await evaluation.showSamples('Least confident');
  const leastSure = await evaluation.exampleLabels(evaluation.sampleGrid);
  expect(leastSure).toHaveLength(30);
  const percents = leastSure.map((l) => l.percent);
  expect(percents).toEqual([...percents].sort((a, b) => a - b));
  await evaluation.showSamples('All');
  const all = await evaluation.exampleLabels(evaluation.sampleGrid);
  for (const label of all) expect(label.verdict).toBe(label.trueClass === label.predictedClass ? 'correct' : 'wrong');

  // The most-confused pair comes with example images of its direction.
  await expect(evaluation.pairs.getByRole('listitem').first()).toContainText('↔');

  // Click the largest off-diagonal cell: every image in its gallery has that true/predicted pair.
  const target = cells.filter((c) => c.trueClass !== c.predictedClass).sort((a, b) => b.count - a.count)[0];
  expect(target.count).toBeGreaterThan(0);
  await evaluation.cellButton(target).click();
  await expect(evaluation.cellButton(target)).toHaveAttribute('aria-pressed', 'true');
  const gallery = evaluation.gallery(target);
  await expect(gallery).toBeVisible();
  await expect(gallery).toBeFocused();
  await expect(gallery.getByRole('img')).toHaveCount(Math.min(40, target.count));
  const galleryLabels = await evaluation.exampleLabels(gallery);
  for (const label of galleryLabels) {
    expect(label).toMatchObject({ trueClass: target.trueClass, predictedClass: target.predictedClass, verdict: 'wrong' });
  }
  await expect(gallery.getByRole('list', { name: 'Top 3 classes' })).toHaveCount(galleryLabels.length);
  await expect(gallery.getByRole('list', { name: 'Top 3 classes' }).first().getByRole('listitem')).toHaveCount(3);
  await page.screenshot({ path: 'test-results/evaluation-tiny-run.png', fullPage: true });

  // Row-normalised view: the same cells, labelled with their share of the row.
  await evaluation.showValues('% of each true class');
  await expect(evaluation.cellButton(target)).toHaveAccessibleName(/% of true /);
  await page.screenshot({ path: 'test-results/evaluation-normalised.png', fullPage: true });

  // Closing returns focus to the cell that opened the gallery.
  await gallery.getByRole('button', { name: 'Close gallery' }).click();
  await expect(evaluation.gallery()).toHaveCount(0);
  await expect(evaluation.cellButton(target)).toBeFocused();

  // The top confused pair's link opens the gallery of that direction.
  const direction = evaluation.pairs.getByRole('button', { name: /: (.+) predicted as (.+)$/ }).first();
  const [, trueClass, predictedClass] = /: (.+) predicted as (.+)$/.exec((await direction.textContent()) ?? '')!;
  await direction.click();
  const pairGallery = evaluation.gallery({ trueClass, predictedClass });
  await expect(pairGallery).toBeVisible();
  for (const label of await evaluation.exampleLabels(pairGallery)) expect(label).toMatchObject({ trueClass, predictedClass });
});

test('a stopped run: per-epoch matrix on 1,000 images while training, then the stopped model on all of its test images', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const evaluation = new EvaluationPanel(page);
  await app.open('?trainSize=2000&testSize=2000&epochs=30&batchSize=32&validationSplit=0&backend=wasm&autostart=1&view=evaluate');
  await expect(evaluation.source).toContainText(/^After epoch \d+ of 30, on the first 1,000 test images/, { timeout: 200_000 });
  // Retried: the next epoch may replace the numbers between reading the matrix and the report.
  await expect(() => expectReportMatchesMatrix(evaluation, 1000)).toPass({ timeout: 30_000 });
  await expect(evaluation.sampleGrid.getByRole('img')).toHaveCount(30);

  await app.stopButton.click();
  await expect(app.status).toContainText(/^Stopped in epoch \d+, batch [\d,]+ of [\d,]+$/, { timeout: 120_000 });
  // Where it stopped, in the same words as the status line.
  const stoppedAt = (await app.status.textContent())!.replace(/^Stopped in /, '');
  await expect(evaluation.source).toContainText(`Final, for the model stopped in ${stoppedAt} (of 30 epochs), on the 2,000 test images of this run`);
  await expectReportMatchesMatrix(evaluation, 2000);
  await expect(evaluation.sampleGrid.getByRole('img')).toHaveCount(30);
  await page.screenshot({ path: 'test-results/evaluation-stopped-run.png', fullPage: true });

  // A second run and stop ends with as many tensors as the first: the per-epoch and final evaluations keep none.
  const tensorsAfterFirstRun = await tensorsInMemory(page);
  await app.show('Evaluate');
  await app.trainButton.click();
  await expect(evaluation.source).toContainText('After epoch 1 of 30', { timeout: 200_000 });
  await app.stopButton.click();
  await expect(app.status).toContainText('Stopped', { timeout: 120_000 });
  await expect(evaluation.source).toContainText(/^Final, for the model stopped/);
  await expect.poll(async () => (await tensorsInMemory(page)) === tensorsAfterFirstRun).toBe(true);
  expect(await tensorsInMemory(page)).toBe(tensorsAfterFirstRun);
});
