/** Page object: the "Inside the CNN" panel and instructor mode, found by roles and labels. */
import { expect, type Locator, type Page } from '@playwright/test';

export const DEFAULT_LAYERS = ['conv2d_1', 'maxPool2d_2', 'conv2d_3', 'maxPool2d_4', 'flatten_5', 'dense_6', 'dense_7'] as const;

export class InternalsPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByRole('region', { name: 'Inside the CNN' });
  }

  get openButton(): Locator {
    return this.panel.getByRole('button', { name: 'Open the internals' });
  }

  get imageNumber(): Locator {
    return this.panel.getByLabel('Test image number');
  }

  /** "The network says … · true class … · after N training batches". */
  get verdict(): Locator {
    return this.panel.getByRole('status', { name: 'Internals prediction' });
  }

  get timing(): Locator {
    return this.panel.getByText(/^Last update: computed in \d+ ms, drawn in \d+ ms\.$/);
  }

  /** The stage of one layer (a region named by its heading, e.g. "2 maxPool2d_2 · Max pooling …"). */
  stage(layerName: string): Locator {
    return this.panel.getByRole('region', { name: new RegExp(`^\\d+ ${layerName} ·`) });
  }

  featureMaps(layerName: string): Locator {
    return this.stage(layerName).getByTestId('feature-map');
  }

  /** Goes to the "Inside the CNN" view, which opens it (its Hide button closes it there). */
  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /Inside the CNN$/ }).click();
    await expect(this.panel.getByRole('button', { name: 'Hide the internals' })).toHaveAttribute('aria-expanded', 'true');
  }

  async pickTestImage(index: number): Promise<void> {
    await this.imageNumber.fill(String(index));
    await this.imageNumber.press('Enter');
    await expect(this.panel.getByRole('img', { name: new RegExp(`^Test image ${index}: .+, as the network sees it$`) })).toBeVisible();
  }

  /** Milliseconds of the last update, as the panel reports them. */
  async lastUpdateMs(): Promise<{ computed: number; drawn: number }> {
    const text = (await this.timing.textContent()) ?? '';
    const [, computed, drawn] = /computed in (\d+) ms, drawn in (\d+) ms/.exec(text) ?? [];
    return { computed: Number(computed), drawn: Number(drawn) };
  }

  /** Batches the shown snapshot was taken after (0 for an untrained network). */
  async batchesShown(): Promise<number> {
    const text = (await this.verdict.textContent()) ?? '';
    if (text.includes('untrained')) return 0;
    return Number(/after ([\d,]+) training batches/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
  }
}

/** How many different colours a canvas shows (a blank or flat canvas has 1). */
export async function distinctColours(canvas: Locator): Promise<number> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  });
}
