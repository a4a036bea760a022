/** Page object for the model lab: presets, layer editor, hyperparameters, run controls, runs. */
import { expect, type Locator, type Page } from '@playwright/test';
import { PlaygroundPage } from './playground';

export class ModelLabPage extends PlaygroundPage {
  constructor(page: Page) {
    super(page);
  }

  get modelPanel(): Locator {
    return this.page.getByRole('region', { name: 'Model' });
  }

  get layers(): Locator {
    return this.modelPanel.getByRole('list', { name: 'Layers' });
  }

  /** The layer card "Layer n …" (1-based). */
  layer(n: number): Locator {
    return this.layers.getByRole('group', { name: new RegExp(`^Layer ${n} `) });
  }

  preset(name: string): Locator {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.modelPanel.getByRole('radio', { name: new RegExp(`^${escaped}`) });
  }

  get totalParameters(): Locator {
    return this.modelPanel.getByText(/^Total parameters:/);
  }

  get diagram(): Locator {
    return this.modelPanel.getByRole('img', { name: /^Network diagram/ });
  }

  button(name: 'Train' | 'Pause' | 'Resume' | 'Step' | 'Stop' | 'Reset'): Locator {
    return this.page.getByRole('group', { name: 'Run controls' }).getByRole('button', { name, exact: true });
  }

  get runsPanel(): Locator {
    return this.page.getByRole('region', { name: 'Runs' });
  }

  /** Adds a layer of `type` (its Keras name) before the output layer. */
  async addLayer(type: string): Promise<void> {
    await this.modelPanel.getByLabel('New layer type').selectOption({ label: type });
    await this.modelPanel.getByRole('button', { name: 'Add layer' }).click();
  }

  async layerCount(): Promise<number> {
    return this.layers.getByRole('group').count();
  }

  /** "batch 3 of 10" from the status line, or null before the first batch. */
  async batchNumber(): Promise<number | null> {
    const text = (await this.status.textContent()) ?? '';
    const match = /batch (\d+) of/.exec(text);
    return match ? Number(match[1]) : null;
  }

  async waitUntilReady(): Promise<void> {
    await expect(this.button('Train')).toBeEnabled({ timeout: 120_000 });
  }
}
