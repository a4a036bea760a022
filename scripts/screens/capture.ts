/**
 * npm run screens [-- --layouts=desktop,projector,phone] [-- --views=train,runs] [-- --out=dir] [-- --no-build]
 *
 * Screenshots of every view, after a short run so the charts have data, in the three layouts a
 * person meets: 1366×768, 1280×720 in instructor mode, and a 390 px phone. Each is written twice:
 * the first screen (`<layout>-<view>.png`) and the whole page (`<layout>-<view>-full.png`), to
 * `test-results/screens/` unless --out says otherwise. For every shot it prints what a projector
 * needs (text under 18 px, sideways scroll, clipped text, empty boxes; e2e/support/projectorFit.ts).
 * On demand only (not part of npm test): look at the pictures.
 *
 * Serves dist/ (built first unless --no-build) with `vite preview` on $SCREENS_PORT (default 4303),
 * or shoots the server at --base=<url> (e.g. `npm run dev`'s).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { servePreview } from '../bench/previewServer';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/browser';
import { measureProjectorFit } from '../../e2e/support/projectorFit';

const root = resolve(import.meta.dirname, '../..');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const PORT = Number(process.env.SCREENS_PORT ?? 4303);
// --base=http://127.0.0.1:5173/ shoots a server already running (e.g. npm run dev) instead of the build.
const BASE = arg('base') ?? `http://127.0.0.1:${PORT}/`;
const OUT = resolve(root, arg('out') ?? 'test-results/screens');
// A short run: a few seconds on two cores, enough for every chart to have points and an evaluation.
const SHORT_RUN = 'trainSize=1000&testSize=500&epochs=2&batchSize=32&validationSplit=0.2&backend=wasm&autostart=1';

const LAYOUTS = {
  desktop: { width: 1366, height: 768, query: '' },
  projector: { width: 1280, height: 720, query: '&instructor=1' },
  phone: { width: 390, height: 844, query: '' },
} as const;

const VIEWS = [
  { id: 'train', label: 'Train' },
  { id: 'model', label: 'Model' },
  { id: 'evaluate', label: 'Evaluate' },
  { id: 'classify', label: 'Classify' },
  { id: 'internals', label: 'Inside the CNN' },
  { id: 'models', label: 'Models' },
  { id: 'runs', label: 'Runs' },
  { id: 'data', label: 'Data' },
  { id: 'lessons', label: 'Lessons' },
  { id: 'class', label: 'Class' },
] as const;

const serve = () => servePreview(root, PORT);

/** Waits until the view's charts and images have drawn: the page's text stops changing for a second. */
async function settle(page: Page) {
  let last = '';
  for (let i = 0; i < 30; i++) {
    const now = await page.evaluate(() => `${document.querySelector('main')?.innerText.length}:${document.querySelectorAll('main svg, main canvas, main img').length}`);
    if (now === last) return;
    last = now;
    await page.waitForTimeout(1000);
  }
}

/** Draws a vertical stroke on the Classify pad, so the prediction and its chart show. */
async function drawStroke(page: Page) {
  const pad = page.getByLabel(/^Drawing area/);
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) return;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2, box.y + box.height * (0.2 + i * 0.06));
  await page.mouse.up();
  await page.getByRole('status', { name: 'Prediction' }).getByText('Most likely').waitFor({ timeout: 60_000 });
}

async function main() {
  const layouts = (arg('layouts')?.split(',') ?? Object.keys(LAYOUTS)) as (keyof typeof LAYOUTS)[];
  const views = VIEWS.filter((v) => !arg('views') || arg('views')!.split(',').includes(v.id));
  await mkdir(OUT, { recursive: true });
  const server = arg('base') ? null : await serve();
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    for (const name of layouts) {
      const layout = LAYOUTS[name];
      const context = await browser.newContext({ viewport: { width: layout.width, height: layout.height } });
      const page = await context.newPage();
      await page.goto(`${BASE}?${SHORT_RUN}${layout.query}`);
      await page.getByTestId('test-accuracy').waitFor({ timeout: 300_000 });
      for (const view of views) {
        await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: new RegExp(`${view.label}$`) }).click();
        await page.locator(`main[data-view="${view.id}"] h2`).first().waitFor();
        if (view.id === 'classify') await drawStroke(page);
        await settle(page);
        await page.evaluate(() => window.scrollTo(0, 0));
        const file = join(OUT, `${name}-${view.id}`);
        await page.screenshot({ path: `${file}.png` });
        await page.screenshot({ path: `${file}-full.png`, fullPage: true });
        const fit = await measureProjectorFit(page, name === 'projector' ? 18 : 0);
        const problems = [
          fit.smallText.length ? `small text: ${fit.smallText.join('; ')}` : '',
          fit.overflowX > 0 ? `page ${fit.overflowX} px wider than the screen` : '',
          fit.offScreen.length ? `off screen: ${fit.offScreen.join('; ')}` : '',
          fit.clipped.length ? `clipped: ${fit.clipped.join('; ')}` : '',
          fit.emptyBoxes.length ? `empty: ${fit.emptyBoxes.join('; ')}` : '',
        ].filter(Boolean);
        console.log(`${name} ${view.id}: ${fit.measured} texts, smallest ${fit.smallest} px, ${fit.canvasCharts} canvas charts${problems.length ? `\n  ${problems.join('\n  ')}` : ', fits'}`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  }
  console.log(`Screenshots in ${OUT}`);
}

await main();
