/**
 * The Lessons view as a student and an instructor meet it: a student completes a lesson that
 * asks the model in use (no training) and one that trains, both through the engine; the
 * progress and the finished runs survive a reload. An instructor steps through every lesson
 * with the keyboard at 1280×720 and reveals a result. No serious accessibility violations;
 * nothing scrolls sideways on a phone.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const TITLES = ['CNN or fully connected?', 'What filters do', 'Max pooling and average pooling', 'Why normalise pixel values?', 'Softmax: scores to probabilities', 'Fighting overfitting', 'Reading a confusion matrix', 'Improving the CNN'];

async function openLessons(page: Page, query = ''): Promise<void> {
  await page.goto(`/?view=lessons${query}`);
  await expect(page.getByRole('heading', { name: 'Lessons', level: 2 })).toBeVisible();
}

const lessonHeading = (page: Page) => page.getByRole('region').filter({ has: page.locator('#lesson-title') }).locator('#lesson-title');

test('a student completes a lesson without training and one with runs, and a reload keeps both', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openLessons(page, '&backend=wasm');
  const nav = page.getByRole('navigation', { name: 'Lessons' });
  await expect(nav).toContainText('0 of 8 done');

  // Lesson 5: softmax on the pretrained model (no training).
  await nav.getByRole('button', { name: /Softmax/ }).click();
  await expect(lessonHeading(page)).toHaveText('Softmax: scores to probabilities');
  const ask = page.getByRole('button', { name: 'Ask the model' });
  await expect(page.getByText('Pick what you expect first.')).toBeVisible({ timeout: 120_000 });
  await page.getByRole('radio', { name: /more even, but the top class stays/ }).check();
  await expect(ask).toBeEnabled({ timeout: 120_000 });
  await ask.click();
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result).toBeVisible();
  await expect(result).toContainText('— as you expected.');
  const explanation = result.getByLabel('Explanation');
  await expect(explanation).toContainText(/At temperature 3\.00: .+ \d+\.\d%/);
  await result.getByRole('slider', { name: /Temperature/ }).fill('0.5');
  await expect(explanation).toContainText('At temperature 0.50');
  await expect(nav).toContainText('1 of 8 done');

  // Lesson 2: filters forming in a real run through the engine.
  await nav.getByRole('button', { name: /What filters do/ }).click();
  await page.getByRole('radio', { name: /Small pattern detectors/ }).check();
  const run = page.getByRole('button', { name: 'Run the experiment' });
  await expect(run).toBeEnabled({ timeout: 120_000 });
  await run.click();
  await expect(page.getByRole('button', { name: 'Stop' }).last()).toBeVisible();
  await expect(result).toBeVisible({ timeout: 200_000 });
  await expect(result.getByLabel('Explanation')).toContainText(/Training moved the first layer's weights by \d+% .+ reached \d+\.\d% on 2,000 test images/);
  await expect(result.getByRole('img', { name: 'Filter 1 after training' })).toBeVisible();
  // A hand-edited filter's map, with its numbers.
  await result.getByRole('button', { name: 'Horizontal edges' }).click();
  await result.getByRole('spinbutton', { name: 'Weight row 2, column 2' }).fill('2');
  await expect(result).toContainText(/Your filter's map \(after ReLU\): total response \d/);
  await expect(nav).toContainText('2 of 8 done');
  const seconds = await result.getByText(/Training took/).textContent();
  test.info().annotations.push({ type: 'lesson 2 in the browser', description: `${seconds} ${await result.getByLabel('Explanation').locator('p').first().textContent()}` });
  await page.screenshot({ path: 'test-results/lesson-filters-laptop.png', fullPage: true });

  const axe = await new AxeBuilder({ page }).include('main').analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // A reload keeps the progress, the answers and the finished runs.
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Lessons' })).toContainText('2 of 8 done');
  await expect(lessonHeading(page)).toHaveText('What filters do');
  await expect(page.getByRole('region', { name: 'Result' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run again' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Small pattern detectors/ })).toBeChecked();
});

test('an instructor steps through every lesson with the keyboard at 1280×720, runs one and reveals it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLessons(page, '&instructor=1&backend=wasm');
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await expect(lessonHeading(page)).toHaveText(TITLES[0]);
  for (const title of TITLES.slice(1)) {
    await page.keyboard.press('n');
    await expect(lessonHeading(page)).toHaveText(title);
  }
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('b');
  await expect(lessonHeading(page)).toHaveText('Fighting overfitting');
  await page.keyboard.press('b');
  await expect(lessonHeading(page)).toHaveText('Softmax: scores to probabilities');
  await page.keyboard.press('b');
  await expect(lessonHeading(page)).toHaveText('Why normalise pixel values?');
  // Projector-sized text.
  const size = await page.locator('.lesson__question').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(18);
  // "Try it yourself" opens the playground with raw pixels.
  await expect(page.getByRole('link', { name: 'Try it yourself in the playground' })).toHaveAttribute('href', /scaling=raw255/);
  // Lesson 4's two runs (0–1 and raw 0–255 pixels through the engine), started before anyone answered; the result waits for the reveal.
  await expect(page.getByRole('button', { name: 'Run the experiment' })).toBeEnabled({ timeout: 120_000 });
  await page.keyboard.press('e');
  await expect(page.getByText('The result is in.')).toBeVisible({ timeout: 300_000 });
  await expect(page.getByRole('region', { name: 'Result' })).toHaveCount(0);
  await page.keyboard.press('v');
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result).toBeVisible();
  const explanation = result.getByLabel('Explanation');
  await expect(explanation).toContainText(/averaged \d+\.\d{3} on 0–1 pixels and \d+\.\d{3} on raw pixels: \d+\.\d× higher/);
  test.info().annotations.push({ type: 'lesson 4 in the browser', description: (await explanation.textContent()) ?? '' });
  await page.screenshot({ path: 'test-results/lesson-normalise-projector.png' });
  await page.screenshot({ path: 'test-results/lesson-normalise-projector-full.png', fullPage: true });
});

test('on a phone no lesson scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openLessons(page);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (const title of TITLES) {
    await expect(lessonHeading(page)).toHaveText(title);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, title).toBeLessThanOrEqual(0);
    await page.keyboard.press('n');
  }
  await page.screenshot({ path: 'test-results/lessons-phone-390.png', fullPage: true });
});
