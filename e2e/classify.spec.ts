import { expect, test, type Page, type Request } from '@playwright/test';
import { hugePng, loadSamples } from './fixtures/encoders';
import { ClassifyPanel, fixture, type UploadFile } from './pages/classify';
import { distinctColours, InternalsPage } from './pages/internals';
import { PlaygroundPage } from './pages/playground';

const TINY_RUN = '?trainSize=600&testSize=100&epochs=1&backend=wasm';

/** Every request the page makes from now on. */
function recordRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  return requests;
}

/** No request went to another origin, and none carried any 64-byte run of the uploaded files. */
function expectNothingSent(requests: readonly Request[], origin: string, files: readonly UploadFile[]): void {
  for (const request of requests) {
    expect(new URL(request.url()).origin, request.url()).toBe(origin);
    const body = request.postDataBuffer();
    if (!body) continue;
    for (const file of files) {
      for (let at = 0; at + 64 <= file.buffer.length; at += Math.max(64, Math.floor(file.buffer.length / 50))) {
        expect(body.includes(file.buffer.subarray(at, at + 64)), `${request.url()} carries ${file.name}`).toBe(false);
      }
    }
  }
}

test('draw with the mouse: an untrained model says so, still predicts, and offers to train', async ({ page }) => {
  // Without the pretrained model (not served here), the first model is untrained, and the page says so.
  await page.route('**/models/pretrained/**', (route) => route.abort());
  const app = new PlaygroundPage(page);
  await app.open(`${TINY_RUN}&view=classify`);
  const classify = new ClassifyPanel(page);
  await expect(classify.panel.getByText('The model has not been trained yet')).toBeVisible({ timeout: 60_000 });
  await expect(classify.prediction).toContainText('Draw a clothing item');

  await classify.drawShirt();
  await expect(classify.prediction).toContainText(/Most likely: .+ \(\d+ %\)/);
  await expect(classify.chart.locator('canvas, svg').first()).toBeVisible();
  await expect(classify.modelView).toBeVisible();
  await expect(classify.steps.getByRole('listitem')).toHaveCount(6);
  await expect(classify.steps).toContainText('2. Inverted');

  // The drawing and its prediction survive a trip to another view.
  const predicted = (await classify.prediction.textContent()) ?? '';
  await app.show('Train');
  await app.show('Classify');
  await expect(classify.prediction).toHaveText(predicted);
  await expect(classify.steps.getByRole('listitem')).toHaveCount(6);

  // Undo and Clear: back to the empty state, and Undo brings the drawing back.
  await classify.panel.getByRole('button', { name: 'Clear' }).click();
  await expect(classify.prediction).toContainText('Draw a clothing item');
  await classify.panel.getByRole('button', { name: 'Undo' }).click();
  await expect(classify.prediction).toContainText('Most likely:');

  // A big eraser wipes the drawing out.
  await classify.panel.getByLabel('Brush size').fill('48');
  await classify.panel.getByRole('radio', { name: 'Eraser' }).check();
  for (let y = 0.15; y <= 0.95; y += 0.1) {
    await classify.stroke([
      [0.02, y],
      [0.98, y],
    ]);
  }
  await expect(classify.warnings).toContainText('The canvas is blank');
  await classify.panel.getByRole('radio', { name: 'Pen' }).check();
  await classify.panel.getByRole('button', { name: 'Clear' }).click();

  // Pen and touch input draw too (pointer events of any kind).
  await classify.pointerStroke('pen', [
    [0.3, 0.2],
    [0.3, 0.8],
  ]);
  await expect(classify.prediction).toContainText('Most likely:');
  const crop = classify.steps.getByText(/Cut to the item/);
  const penOnly = (await crop.textContent()) ?? '';
  await classify.pointerStroke('touch', [
    [0.6, 0.2],
    [0.6, 0.8],
  ]);
  await expect(crop).not.toHaveText(penOnly); // the second line widened the item
  await classify.panel.getByRole('button', { name: 'Clear' }).click();
  await expect(classify.prediction).toContainText('Draw a clothing item');

  // A single thin line is flagged as unlike the training images.
  await classify.panel.getByLabel('Brush size').fill('6');
  await classify.stroke([
    [0.5, 0.1],
    [0.5, 0.9],
  ]);
  await expect(classify.warnings).toContainText('covers only');

  await classify.panel.getByRole('button', { name: 'Train the model' }).click();
  await expect(classify.panel.getByText(/The model is still (training|being tested)/)).toBeVisible();
  await expect(classify.panel.getByText(/Using the model trained in this tab/)).toBeVisible({ timeout: 200_000 });
  await expect(classify.prediction).toContainText('Most likely:');
  await classify.panel.screenshot({ path: 'test-results/classify-drawing.png' });
});

test.describe('uploads, with a model from a tiny run', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;
  let classify: ClassifyPanel;
  let requests: Request[];
  let origin: string;
  const uploaded: UploadFile[] = [];

  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    const app = new PlaygroundPage(page);
    await app.open(`${TINY_RUN}&autostart=1`);
    await expect(app.testAccuracy).toBeVisible({ timeout: 200_000 });
    await app.show('Classify');
    classify = new ClassifyPanel(page);
    origin = new URL(page.url()).origin;
    requests = recordRequests(page);
  });
  test.afterAll(async () => {
    await page.close();
  });

  const upload = async (file: UploadFile) => {
    uploaded.push(file);
    await classify.upload(file);
  };

  test('a real dataset item, photographed, is read as its own class, with preview, steps and a dataset comparison', async () => {
    await upload(fixture('trouser-photo.png', 'image/png'));
    expect(await classify.predictedClass()).toBe('Trouser');
    await expect(classify.panel.getByText('trouser-photo.png: PNG, 360×280 pixels')).toBeVisible();
    await expect(classify.modelView).toBeVisible();
    await expect(classify.steps).toContainText('2. Inverted');
    await expect(classify.steps).toContainText(/3\. Cropped.*Cut to the item/);
    await classify.panel.getByLabel('Compare with a training image of the predicted class').check();
    await expect(classify.panel.getByRole('img', { name: /^Training image \d+, a Trouser$/ })).toBeVisible();
    await classify.panel.screenshot({ path: 'test-results/classify-upload.png' });
  });

  test('JPEG, WebP, BMP and the first frame of an animated GIF are all read', async () => {
    // JPEG and WebP encoded by the browser itself from the PNG fixture.
    const png = fixture('trouser-photo.png').buffer.toString('base64');
    for (const [type, name] of [
      ['image/jpeg', 'trouser.jpg'],
      ['image/webp', 'trouser.webp'],
    ] as const) {
      const base64 = await page.evaluate(
        async ({ png, type }) => {
          const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(png), (c) => c.charCodeAt(0))], { type: 'image/png' }));
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
          const bytes = new Uint8Array(await (await canvas.convertToBlob({ type, quality: 0.85 })).arrayBuffer());
          return btoa(String.fromCharCode(...bytes));
        },
        { png, type },
      );
      await upload({ name, mimeType: type, buffer: Buffer.from(base64, 'base64') });
      await expect(classify.panel.getByText(`${name}: ${type === 'image/jpeg' ? 'JPEG' : 'WebP'}, 360×280 pixels`)).toBeVisible();
      await expect(classify.prediction).toContainText('Most likely:');
    }
    await upload(fixture('ankle-boot-photo.bmp', 'image/bmp'));
    await expect(classify.panel.getByText('ankle-boot-photo.bmp: BMP, 200×200 pixels')).toBeVisible();
    await expect(classify.prediction).toContainText('Most likely:');
    // Frame 2 of this GIF is blank: a prediction proves frame 1 (a bag) was used.
    await upload(fixture('bag-animated.gif', 'image/gif'));
    await expect(classify.panel.getByText('bag-animated.gif: GIF, 112×112 pixels')).toBeVisible();
    await expect(classify.prediction).toContainText('Most likely:');
    await expect(classify.steps).toContainText('2. Background'); // light on dark already: not inverted
  });

  test('bad inputs each get a clear message and never break the page', async () => {
    const cases: [UploadFile, RegExp][] = [
      [{ name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) }, /“empty\.png” is empty \(0 bytes\)/],
      [fixture('corrupt.png', 'image/png'), /“corrupt\.png” looks like a PNG file but could not be decoded/],
      [fixture('not-an-image.txt', 'text/plain'), /“not-an-image\.txt” is not an image: it looks like a text file/],
      // The name and type lie; the bytes decide.
      [{ ...fixture('not-an-image.txt'), name: 'shirt.png', mimeType: 'image/png' }, /“shirt\.png” is not an image: it looks like a text file/],
      [fixture('vector-shirt.svg', 'image/svg+xml'), /“vector-shirt\.svg” is an SVG drawing.*export it as PNG/],
      [fixture('fully-transparent.png', 'image/png'), /“fully-transparent\.png” is fully transparent/],
      [fixture('one-pixel.png', 'image/png'), /“one-pixel\.png” is only 1×1 pixels: too small/],
    ];
    for (const [file, message] of cases) {
      await upload(file);
      await expect(classify.fileError).toHaveText(message);
      await expect(classify.prediction).toContainText('No prediction');
      await expect(classify.chart).toBeHidden();
    }
    // And the page still works afterwards.
    await upload(fixture('trouser-photo.png', 'image/png'));
    await expect(classify.fileError).toBeHidden();
    await expect(classify.prediction).toContainText('Most likely:');
  });

  test('a 10000×10000 image is scaled down safely in the browser and classified', async () => {
    const boot = loadSamples().find((s) => s.label === 9)!;
    const file = { name: 'huge.png', mimeType: 'image/png', buffer: hugePng(boot.pixels, 10_000) };
    await upload(file);
    await expect(classify.panel.getByText('huge.png: PNG, 10000×10000 pixels')).toBeVisible({ timeout: 60_000 });
    await expect(classify.panel.getByText('scaled down to 512×512 in this tab')).toBeVisible();
    await expect(classify.prediction).toContainText('Most likely:');
  });

  test('an image pasted from the clipboard or dropped on the panel is classified', async () => {
    const trouser = fixture('trouser-photo.png', 'image/png');
    uploaded.push(trouser);
    const makeTransfer = (name: string) =>
      page.evaluateHandle(
        ({ base64, name }) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type: 'image/png' }));
          return transfer;
        },
        { base64: trouser.buffer.toString('base64'), name },
      );
    await classify.drawTab.click();
    const pasted = await makeTransfer('pasted.png');
    await page.evaluate((clipboardData) => document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true })), pasted);
    await expect(classify.uploadTab).toHaveAttribute('aria-selected', 'true');
    await expect(classify.panel.getByText('pasted.png: PNG, 360×280 pixels')).toBeVisible();
    expect(await classify.predictedClass()).toBe('Trouser');

    const dropped = await makeTransfer('dropped.png');
    await classify.panel.getByText('Drop an image here').dispatchEvent('drop', { dataTransfer: dropped });
    await expect(classify.panel.getByText('dropped.png: PNG, 360×280 pixels')).toBeVisible();
    expect(await classify.predictedClass()).toBe('Trouser');

    // Dropped anywhere else, it is classified too, instead of the browser opening the file in place of the page.
    await classify.drawTab.click();
    const elsewhere = await makeTransfer('dropped-elsewhere.png');
    await page.getByRole('heading', { name: 'Fashion-MNIST CNN Playground' }).dispatchEvent('drop', { dataTransfer: elsewhere });
    await expect(classify.panel.getByText('dropped-elsewhere.png: PNG, 360×280 pixels')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Fashion-MNIST CNN Playground' })).toBeVisible();
  });

  test('a drawing sent to the internals view is followed through every layer, with where the network looks', async () => {
    const internals = new InternalsPage(page);
    await classify.drawTab.click();
    await classify.drawShirt();
    await expect(classify.prediction).toContainText('Most likely:');
    const predicted = await classify.predictedClass();
    await classify.panel.getByRole('button', { name: 'Look inside the CNN with this image' }).click();

    await expect(internals.panel.getByRole('heading', { name: 'Inside the CNN' })).toBeFocused();
    await expect(internals.panel.getByRole('radio', { name: 'Your drawing' })).toBeChecked();
    await expect(internals.panel.getByRole('img', { name: 'Your drawing, as the network sees it' })).toBeVisible();
    for (const [layer, count] of Object.entries({ conv2d_1: 64, maxPool2d_2: 32, conv2d_3: 128, maxPool2d_4: 64 })) {
      await expect(internals.featureMaps(layer)).toHaveCount(count);
    }
    // Both panels run the same model on the same 28×28 image, so they agree; a drawing has no true class.
    await expect(internals.verdict).toContainText(`The network says ${predicted} (`);
    await expect(internals.verdict).not.toContainText('true class');
    expect(await distinctColours(internals.panel.getByTestId('attention-map'))).toBeGreaterThan(3);

    // A new drawing sent from the Classify view replaces the one shown.
    const seen = internals.panel.getByRole('img', { name: 'Your drawing, as the network sees it' });
    const pixelsOf = () => seen.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
    const before = await pixelsOf();
    await new PlaygroundPage(page).show('Classify');
    await classify.drawTab.click();
    await classify.stroke([
      [0.15, 0.9],
      [0.85, 0.9],
    ]);
    await classify.panel.getByRole('button', { name: 'Look inside the CNN with this image' }).click();
    await expect.poll(pixelsOf).not.toBe(before);

    // An upload goes the same way, named after its file.
    await new PlaygroundPage(page).show('Classify');
    await upload(fixture('trouser-photo.png', 'image/png'));
    await classify.panel.getByRole('button', { name: 'Look inside the CNN with this image' }).click();
    await expect(internals.panel.getByRole('radio', { name: 'Your image “trouser-photo.png”' })).toBeChecked();
    await expect(internals.verdict).toContainText('The network says Trouser (');
  });

  test('no uploaded image left the page: no request to another origin, none carrying image bytes', async () => {
    expect(uploaded.length).toBeGreaterThan(10);
    // The recorder does see the page's requests (and would see an upload if there were one).
    await page.evaluate(() => fetch('data/manifest.json', { method: 'POST', body: 'probe' }).catch(() => null));
    await expect.poll(() => requests.some((r) => r.postData() === 'probe')).toBe(true);
    expectNothingSent(requests, origin, uploaded);
  });
});
