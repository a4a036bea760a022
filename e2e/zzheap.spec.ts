import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/playground';

test('heap diff', async ({ page }) => {
  test.setTimeout(600_000);
  const app = new PlaygroundPage(page);
  await app.open('?trainSize=320&testSize=100&epochs=1&batchSize=32&validationSplit=0&backend=wasm');
  const cdp = await page.context().newCDPSession(page);
  const snapshot = async (name: string) => {
    await cdp.send('HeapProfiler.collectGarbage');
    const chunks: string[] = [];
    const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    writeFileSync(`/tmp/w22-${name}.heapsnapshot`, chunks.join(''));
  };
  for (let cycle = 1; cycle <= 8; cycle++) {
    await expect(app.trainButton).toBeEnabled({ timeout: 120_000 });
    await app.trainButton.click();
    await expect(app.testAccuracy).toBeVisible({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(app.testAccuracy).toHaveCount(0);
    if (cycle === 3) await snapshot('a');
    if (cycle === 8) await snapshot('b');
  }
});
