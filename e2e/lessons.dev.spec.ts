import { expect, test } from '@playwright/test';

// `npm run dev` (React StrictMode, unbundled modules) must run a lesson as the build does.
test('on the development server a lesson asks the model, keeps the answer and explains the result', async ({ page }) => {
  await page.goto('/?view=lessons&backend=wasm');
  await page.getByRole('navigation', { name: 'Lessons' }).getByRole('button', { name: /Softmax/ }).click();
  await page.getByRole('radio', { name: /top class gets even more certain/ }).check();
  const ask = page.getByRole('button', { name: 'Ask the model' });
  await expect(ask).toBeEnabled({ timeout: 120_000 });
  await ask.click();
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result).toContainText('— not what you expected.');
  await expect(result.getByLabel('Explanation')).toContainText(/they add up to 1\.000/);
});
