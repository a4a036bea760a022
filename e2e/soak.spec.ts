import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/playground';

// Ten train → test → reset cycles: the engine's tensors and the page's heap (after GC) stay flat.
test('ten train/reset cycles leave tensors and the page heap flat', async ({ page }) => {
  test.setTimeout(600_000);
  const app = new PlaygroundPage(page);
  await app.open('?trainSize=320&testSize=100&epochs=1&batchSize=32&validationSplit=0&backend=wasm');
  const cdp = await page.context().newCDPSession(page);
  const heapAfterGc = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  // The figure itself, not the line that explains it.
  const tensors = page.getByText('Tensors in memory', { exact: true }).locator('xpath=following-sibling::dd[1]');
  const rows: { tensors: number; heapMB: number }[] = [];
  const charts = ['batch-loss-chart', 'batch-accuracy-chart', 'epoch-loss-chart', 'epoch-accuracy-chart'];
  for (let cycle = 1; cycle <= 10; cycle++) {
    await expect(app.trainButton).toBeEnabled({ timeout: 120_000 });
    await app.trainButton.click();
    await expect(app.testAccuracy).toBeVisible({ timeout: 120_000 });
    const tensorCount = Number(await tensors.textContent());
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(app.testAccuracy).toHaveCount(0);
    // The heap is read once the page is at rest: every chart redrawn empty after the reset.
    for (const chart of charts) await expect(page.getByTestId(chart), `${chart} drawn empty after reset ${cycle}`).toHaveAttribute('data-chart-rows', '0', { timeout: 60_000 });
    rows.push({ tensors: tensorCount, heapMB: (await heapAfterGc()) / 2 ** 20 });
  }
  console.log(`soak (cycle: tensors, page heap MB): ${rows.map((r, i) => `${i + 1}: ${r.tensors}, ${r.heapMB.toFixed(2)}`).join(' | ')}`);
  // After warm-up (the first cycles compile kernels and fill caches): cycles 3–5 against 8–10, each the
  // median of three readings (a single heap reading after GC varies by a few percent). Within 5%.
  // Each live chart used to keep every earlier run's marks, with their detached SVG elements (vega's
  // mark joins clean their maps only after thousands of removals); emptied charts are now embedded
  // afresh (chartViews.ts), and a heap-snapshot diff of cycles 3 and 8 shows no app objects nor
  // detached DOM growing: what remains (~0.1 MB a cycle) is V8's compiled code (InstructionStream,
  // code metadata) and the browser's performance-timeline entries.
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1];
  const early = rows.slice(2, 5);
  const late = rows.slice(7, 10);
  expect(late.map((r) => r.tensors)).toEqual(early.map((r) => r.tensors));
  expect(median(late.map((r) => r.heapMB))).toBeLessThanOrEqual(median(early.map((r) => r.heapMB)) * 1.05);
});
