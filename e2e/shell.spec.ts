import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ClassifyPanel } from './pages/classify';
import { PlaygroundPage } from './pages/playground';
import { measureProjectorFit } from './support/projectorFit';

/** Every view: its navigation label, its id in the address, and a heading it shows. */
const VIEWS = [
  { label: 'Train', id: 'train', heading: 'Latest numbers' },
  { label: 'Model', id: 'model', heading: 'Model' },
  { label: 'Evaluate', id: 'evaluate', heading: 'Evaluation on the test set' },
  { label: 'Classify', id: 'classify', heading: 'Classify your own' },
  { label: 'Inside the CNN', id: 'internals', heading: 'Inside the CNN' },
  { label: 'Models', id: 'models', heading: 'Models' },
  { label: 'Runs', id: 'runs', heading: 'Runs' },
  { label: 'Lessons', id: 'lessons', heading: 'Lessons' },
  { label: 'Class', id: 'class', heading: 'Open a class experiment' },
  { label: 'Data', id: 'data', heading: 'Dataset' },
] as const;

const TINY_RUN = 'trainSize=320&testSize=100&epochs=2&batchSize=32&validationSplit=0.2&backend=wasm';

/** The element lies wholly inside the viewport as the page is, without scrolling. */
async function inFirstScreen(page: Page, testIdOrRole: ReturnType<Page['getByRole']>): Promise<void> {
  const box = await testIdOrRole.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, 'on the page').not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
}

for (const { width, height, query, name } of [
  { width: 1366, height: 768, query: '', name: 'desktop' },
  { width: 1280, height: 720, query: '&instructor=1', name: 'projector' },
]) {
  test(`first screen at ${width}×${height} (${name}): Train, the status and the loss curve, drawn live without scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const app = new PlaygroundPage(page);
    await app.open(`?${TINY_RUN}${query}`);
    const lossCurve = page.getByRole('figure', { name: /^Loss per batch/ });
    const accuracyCurve = page.getByRole('figure', { name: 'Accuracy per batch' });
    // On a projector both live curves fit beside the controls and the status.
    const targets = name === 'projector' ? [app.trainButton, app.status, lossCurve, accuracyCurve] : [app.trainButton, app.status, lossCurve];
    for (const target of targets) await inFirstScreen(page, target);
    await expect(app.trainButton).toBeEnabled({ timeout: 120_000 });
    await app.trainButton.click();
    await expect(app.testAccuracy).toBeVisible({ timeout: 200_000 });
    const drawn = page.getByTestId('batch-loss-chart').locator('svg').first();
    await expect(drawn).toBeVisible();
    await inFirstScreen(page, page.getByTestId('batch-loss-chart'));
    if (name === 'projector') await inFirstScreen(page, page.getByTestId('batch-accuracy-chart'));
    await page.screenshot({ path: `test-results/first-screen-${name}.png` });
    if (name === 'projector') {
      // Axis text readable from the back of a room.
      const sizes = await page.getByTestId('batch-loss-chart').locator('.role-axis-label text, .role-axis-title text').evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
    }
    // The curves' text alternative says the latest values.
    await expect(lossCurve).toContainText(/Loss at batch \d+: \d\.\d{3}/);
  });
}

test('every view is one click away, in the address, and opens from a shared link', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await app.open();
  const heights: string[] = [];
  for (const view of VIEWS) {
    await app.show(view.label);
    await expect(page.getByRole('heading', { name: view.heading, exact: true, level: 2 })).toBeVisible();
    heights.push(`${view.id}: ${await page.evaluate(() => document.documentElement.scrollHeight)} px`);
    if (view.id === 'train') expect(new URL(page.url()).searchParams.get('view')).toBeNull();
    else expect(new URL(page.url()).searchParams.get('view')).toBe(view.id);
  }
  test.info().annotations.push({ type: 'page height at 1366×768, before training', description: heights.join('; ') });
  // Only the active view is rendered.
  await expect(page.getByRole('region', { name: 'Dataset' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Runs' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Model' })).toHaveCount(0);
  for (const view of VIEWS) {
    await app.open(`?view=${view.id}`);
    await expect(app.nav.getByRole('link', { name: new RegExp(`${view.label}$`) })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { name: view.heading, exact: true, level: 2 })).toBeVisible();
  }
  // Number keys open views, outside text fields.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('3');
  await expect(page.getByRole('heading', { name: 'Evaluation on the test set', level: 2 })).toBeVisible();
  // An unknown view is explained, and the Train view opens.
  await app.open('?view=nowhere');
  await expect(page.getByRole('alert').filter({ hasText: 'view="nowhere" ignored' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Latest numbers', level: 2 })).toBeVisible();
});

test('Train is among the first 10 Tab stops, after a skip link', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await expect(app.trainButton).toBeEnabled({ timeout: 120_000 });
  const stops: string[] = [];
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim() ?? '');
    stops.push(name);
    if (name === 'Train' && (await page.evaluate(() => document.activeElement?.tagName)) === 'BUTTON') break;
  }
  test.info().annotations.push({ type: 'Tab stops up to Train', description: stops.join(' | ') });
  expect(stops[0]).toBe('Skip to the current view');
  expect(stops).toContain('Train');
  // The focus ring stands out from what is around it (WCAG non-text contrast, 3:1): on the header and on the page.
  const contrast = await page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = (c: string) => {
      const [r, g, b] = rgb(c).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a: string, b: string) => (Math.max(luminance(a), luminance(b)) + 0.05) / (Math.min(luminance(a), luminance(b)) + 0.05);
    const focused = document.activeElement as HTMLElement;
    const ring = getComputedStyle(focused).outlineColor;
    const header = getComputedStyle(document.querySelector('.app-header')!).backgroundColor;
    const page = getComputedStyle(document.body).backgroundColor;
    return { width: parseFloat(getComputedStyle(focused).outlineWidth), header: ratio(ring, header), page: ratio(ring, page) };
  });
  expect(contrast.width).toBeGreaterThanOrEqual(2);
  expect(Math.min(contrast.header, contrast.page)).toBeGreaterThanOrEqual(3);
});

test('on a phone no view scrolls sideways, in instructor mode too, and the run buttons are thumb-sized', async ({ page }) => {
  const app = new PlaygroundPage(page);
  for (const { width, query } of [
    { width: 360, query: '' },
    { width: 390, query: '' },
    { width: 390, query: '?instructor=1' },
  ]) {
    await page.setViewportSize({ width, height: 844 });
    await app.open(query);
    for (const view of VIEWS) {
      await app.show(view.label);
      await expect(page.getByRole('heading', { name: view.heading, exact: true, level: 2 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${view.label} at ${width} px${query ? ' in instructor mode' : ''}`).toBeLessThanOrEqual(0);
    }
    if (query) continue;
    await app.show('Train');
    await page.screenshot({ path: `test-results/first-screen-phone-${width}.png` });
    const buttons = page.getByRole('group', { name: 'Run controls' }).getByRole('button');
    for (const box of await buttons.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.width).toBeGreaterThanOrEqual(44);
    }
  }
});

test('on a phone, once the header has scrolled away, a run bar at the bottom trains, pauses and stops', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open('?trainSize=3000&testSize=100&epochs=3&batchSize=32&backend=wasm');
  const bar = page.getByRole('region', { name: 'Run bar' });
  await expect(bar).toHaveCount(0); // the header's own buttons are on screen
  await expect(app.trainButton).toBeEnabled({ timeout: 120_000 });

  await page.getByRole('heading', { name: 'Settings' }).scrollIntoViewIfNeeded();
  await expect(bar).toBeVisible();
  const box = await bar.boundingBox();
  expect(box!.y + box!.height).toBeLessThanOrEqual(844 + 1); // pinned to the bottom edge
  await expect(bar.getByText('Ready to train')).toBeVisible();
  await bar.getByRole('button', { name: 'Train' }).click();
  await expect(bar.getByText(/^Training · epoch/)).toBeVisible();
  await bar.getByRole('button', { name: 'Pause' }).click();
  await expect(bar.getByText(/^Paused/)).toBeVisible();
  await bar.getByRole('button', { name: 'Resume' }).click();
  await expect(bar.getByRole('button', { name: 'Pause' })).toBeEnabled();
  await bar.getByRole('button', { name: 'Stop' }).click();
  await expect(bar.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 60_000 });

  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(bar).toHaveCount(0);
  await page.screenshot({ path: 'test-results/phone-run-bar-top.png' });
});

/**
 * Waits until `view` has drawn what a projector must show legibly (its charts and diagrams), then
 * measures: every visible text (HTML and SVG, vega's axes and legends) ≥ 18 px, the page no wider
 * than the screen, nothing cut off or off the right edge, no empty box, the ten views on one line.
 */
async function expectProjectorFit(page: Page, view: (typeof VIEWS)[number]['id']): Promise<string> {
  const drawn: Record<string, () => Promise<void>> = {
    train: () => expect(page.getByTestId('batch-accuracy-chart').locator('svg .role-axis-label text').first()).toBeVisible(),
    model: () => expect(page.getByRole('img', { name: /^Network diagram: Input/ })).toBeVisible(),
    evaluate: () => expect(page.getByTestId('per-class-accuracy-chart').locator('svg .role-axis-label text').first()).toBeVisible(),
    classify: async () => {
      const classify = new ClassifyPanel(page);
      await classify.drawShirt();
      await expect(classify.prediction).toContainText('Most likely');
      await expect(classify.chart.locator('svg .role-axis-label text').first()).toBeVisible();
    },
    internals: () => expect(page.getByRole('img', { name: /^Accuracy per epoch: training/ })).toBeVisible(),
    runs: () => expect(page.getByTestId('runs-overlay-chart').locator('svg .role-axis-label text').first()).toBeVisible(),
  };
  await drawn[view]?.();
  await page.evaluate(() => window.scrollTo(0, 0));
  const fit = await measureProjectorFit(page, 18);
  expect(fit.smallText, `${view}: text under 18 px`).toEqual([]);
  expect(fit.overflowX, `${view}: page wider than the screen`).toBeLessThanOrEqual(0);
  expect(fit.offScreen, `${view}: text past the right edge`).toEqual([]);
  expect(fit.clipped, `${view}: clipped text`).toEqual([]);
  expect(fit.emptyBoxes, `${view}: empty boxes`).toEqual([]);
  const navRows = await new PlaygroundPage(page).nav.getByRole('link').evaluateAll((links) => new Set(links.map((l) => Math.round(l.getBoundingClientRect().top))).size);
  expect(navRows, 'the ten views on one line').toBe(1);
  return `${view}: ${fit.measured} texts, smallest ${fit.smallest} px`;
}

for (const instructor of [false, true]) {
  const where = instructor ? ' in instructor mode at 1280×720, where every text is at least 18 px and nothing is wider than the screen, clipped or empty' : '';
  test(`axe finds no serious or critical violation on any view${where}, after a tiny run`, async ({ page }) => {
    if (instructor) await page.setViewportSize({ width: 1280, height: 720 });
    const app = new PlaygroundPage(page);
    await app.open(`?${TINY_RUN}&autostart=1${instructor ? '&instructor=1' : ''}`);
    await expect(app.testAccuracy).toBeVisible({ timeout: 200_000 });
    const counts: string[] = [];
    const fits: string[] = [];
    for (const view of VIEWS) {
      await app.show(view.label);
      await expect(page.getByRole('heading', { name: view.heading, exact: true, level: 2 })).toBeVisible();
      if (instructor) fits.push(await expectProjectorFit(page, view.id));
      const results = await new AxeBuilder({ page }).analyze();
      const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      counts.push(`${view.id}: ${results.violations.length} violations (${severe.length} serious/critical), ${results.passes.length} passes`);
      expect(severe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), view.label).toEqual([]);
    }
    test.info().annotations.push({ type: 'axe', description: counts.join('; ') });
    if (instructor) {
      console.log(`Projector text at 1280×720: ${fits.join('; ')}`);
      test.info().annotations.push({ type: 'projector text at 1280×720', description: fits.join('; ') });
    }
  });
}
