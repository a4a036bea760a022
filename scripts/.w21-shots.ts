import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../e2e/browser';

const base = 'http://127.0.0.1:4201/';
const views = ['train', 'model', 'evaluate', 'classify', 'internals', 'models', 'runs', 'data'];
const [mode] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const size = mode === 'phone' ? { width: 390, height: 844 } : mode === 'desktop' ? { width: 1366, height: 768 } : { width: 1280, height: 720 };
const page = await browser.newPage({ viewport: size });
const q = mode === 'instructor' ? '&instructor=1' : '';
await page.goto(`${base}?trainSize=2000&testSize=500&epochs=2&backend=wasm&autostart=1${q}`);
await page.getByTestId('test-accuracy').waitFor({ timeout: 180_000 });
await page.waitForTimeout(1500);
await page.screenshot({ path: `/tmp/w21shots/${mode}-afterrun.png` });
console.log('afterrun', await page.evaluate(() => JSON.stringify({ sw: document.documentElement.scrollWidth })));
for (const v of ['Runs', 'Model', 'Evaluate']) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: new RegExp(`${v}$`) }).click();
  await page.waitForTimeout(1500);
  console.log('after run', v, await page.evaluate(() => JSON.stringify({ sw: document.documentElement.scrollWidth })));
  await page.screenshot({ path: `/tmp/w21shots/${mode}-afterrun-${v}.png`, fullPage: mode === 'phone' });
}
for (const v of views) {
  await page.goto(`${base}?trainSize=2000&testSize=500&epochs=1&backend=wasm${q}&view=${v}`);
  await page.waitForTimeout(2500);
  const info = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, sh: document.documentElement.scrollHeight }));
  console.log(v, JSON.stringify(info));
  await page.screenshot({ path: `/tmp/w21shots/${mode}-${v}.png` });
}
await browser.close();
