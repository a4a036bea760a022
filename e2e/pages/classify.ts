/** Page object: the "Classify your own" panel, found by roles and labels as a person would. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export const FIXTURES = join(import.meta.dirname, '../fixtures');

export interface UploadFile {
  readonly name: string;
  readonly mimeType: string;
  readonly buffer: Buffer;
}

export function fixture(name: string, mimeType = 'application/octet-stream'): UploadFile {
  return { name, mimeType, buffer: readFileSync(join(FIXTURES, name)) };
}

export class ClassifyPanel {
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('region', { name: 'Classify your own' });
  }

  get drawTab() {
    return this.panel.getByRole('tab', { name: 'Draw' });
  }

  get uploadTab() {
    return this.panel.getByRole('tab', { name: 'Upload a photo' });
  }

  get canvas() {
    return this.panel.getByTestId('drawing-canvas');
  }

  get prediction() {
    return this.panel.getByRole('status', { name: 'Prediction' });
  }

  get chart() {
    return this.panel.getByTestId('probability-chart');
  }

  get warnings() {
    return this.panel.getByRole('list', { name: 'Warnings about the input' });
  }

  get fileError() {
    return this.panel.getByRole('alert');
  }

  get modelView() {
    return this.panel.getByRole('img', { name: 'What the model sees: the 28×28 input' });
  }

  get steps() {
    return this.panel.getByRole('list', { name: 'Preprocessing steps' });
  }

  /** Drags the mouse through `points` given as fractions (0..1) of the canvas. */
  async stroke(points: readonly [number, number][]): Promise<void> {
    // The mouse works in viewport coordinates: the canvas must be on screen.
    await this.canvas.scrollIntoViewIfNeeded();
    const box = (await this.canvas.boundingBox())!;
    const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
    await this.page.mouse.move(...at(points[0]));
    await this.page.mouse.down();
    for (const point of points.slice(1)) await this.page.mouse.move(...at(point), { steps: 6 });
    await this.page.mouse.up();
  }

  /** The same with synthetic pointer events of another kind ('pen' or 'touch'), as tablets send them. */
  async pointerStroke(pointerType: 'pen' | 'touch', points: readonly [number, number][]): Promise<void> {
    await this.canvas.scrollIntoViewIfNeeded();
    const box = (await this.canvas.boundingBox())!;
    const init = ([x, y]: [number, number]) => ({
      pointerType,
      pointerId: 7,
      isPrimary: true,
      button: 0,
      buttons: 1,
      pressure: 0.5,
      clientX: box.x + x * box.width,
      clientY: box.y + y * box.height,
    });
    await this.canvas.dispatchEvent('pointerdown', init(points[0]));
    for (const point of points.slice(1)) await this.canvas.dispatchEvent('pointermove', init(point));
    await this.canvas.dispatchEvent('pointerup', { ...init(points[points.length - 1]), buttons: 0 });
  }

  /** A filled T-shirt-like shape drawn with a few thick zig-zag strokes. */
  async drawShirt(): Promise<void> {
    await this.stroke([
      [0.2, 0.2],
      [0.8, 0.2],
      [0.95, 0.4],
      [0.8, 0.45],
      [0.8, 0.9],
      [0.2, 0.9],
      [0.2, 0.45],
      [0.05, 0.4],
      [0.2, 0.2],
    ]);
    for (let y = 0.25; y <= 0.88; y += 0.07) {
      await this.stroke([
        [0.22, y],
        [0.78, y],
      ]);
    }
  }

  async upload(file: UploadFile): Promise<void> {
    await this.uploadTab.click();
    await this.panel.getByLabel('Choose an image…').setInputFiles(file);
  }

  /** The predicted class name, e.g. "Trouser", from "Most likely: Trouser (93 %)". */
  async predictedClass(): Promise<string> {
    // A prediction is shown only for the image on screen: wait until the current one has arrived.
    let name = '';
    await expect
      .poll(async () => {
        name = /Most likely: (.+) \(\d+ %\)/.exec((await this.prediction.textContent()) ?? '')?.[1] ?? '';
        return name;
      })
      .not.toBe('');
    return name;
  }
}
