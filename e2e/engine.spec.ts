import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/playground';

// The engine trains in a Web Worker: the page answers input while WebAssembly computes.
test('the page answers clicks within 100 ms while a run trains on WebAssembly', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open('?trainSize=12000&testSize=100&epochs=1&batchSize=64&validationSplit=0&autostart=1&backend=wasm');
  await expect(app.status).toContainText('Training', { timeout: 120_000 });
  await expect(page.getByLabel('Compute backend')).toContainText(/background thread|Web Worker/i);
  // Input delay: from the moment the browser created the click event to the moment its handler ran.
  await page.evaluate(() => {
    const delays: number[] = [];
    (window as unknown as { clickDelays: number[] }).clickDelays = delays;
    document.addEventListener('click', (event) => delays.push(performance.now() - event.timeStamp), { capture: true });
  });
  const heading = page.getByRole('heading', { name: 'Fashion-MNIST CNN Playground' });
  for (let i = 0; i < 7; i++) {
    await heading.click();
    await expect(app.status).toContainText('Training');
  }
  const delays = await page.evaluate(() => (window as unknown as { clickDelays: number[] }).clickDelays);
  expect(delays).toHaveLength(7);
  const median = [...delays].sort((a, b) => a - b)[3];
  console.log(`click delays while training (ms): ${delays.map((d) => d.toFixed(1)).join(', ')}`);
  expect(median).toBeLessThan(100);
});
