/**
 * The dataset held in memory as bytes (0..255, one per pixel; 70,000 images = 55 MB),
 * filled sheet by sheet while it streams in. Training reads only the loaded prefix.
 */
import { IMAGE_PIXELS } from '../constants';
import type { SplitName } from './manifest';

export class SplitData {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  private readonly sheetLoaded: boolean[];
  private readonly sheetRanges: { first: number; count: number }[];
  labelsLoaded = false;

  constructor(
    readonly name: SplitName,
    readonly count: number,
    sheets: readonly { first: number; count: number }[],
  ) {
    this.images = new Uint8Array(count * IMAGE_PIXELS);
    this.labels = new Uint8Array(count);
    this.sheetRanges = sheets.map((s) => ({ first: s.first, count: s.count }));
    this.sheetLoaded = sheets.map(() => false);
  }

  isSheetLoaded(index: number): boolean {
    return this.sheetLoaded[index];
  }

  setSheet(index: number, pixels: Uint8Array): void {
    const { first, count } = this.sheetRanges[index];
    if (pixels.length !== count * IMAGE_PIXELS) throw new Error(`sheet ${index} has ${pixels.length} bytes, expected ${count * IMAGE_PIXELS}`);
    this.images.set(pixels, first * IMAGE_PIXELS);
    this.sheetLoaded[index] = true;
  }

  setLabels(labels: Uint8Array): void {
    if (labels.length !== this.count) throw new Error(`${this.name} labels: ${labels.length} bytes for ${this.count} images`);
    this.labels.set(labels);
    this.labelsLoaded = true;
  }

  /** Images usable from index 0: the contiguous prefix of loaded sheets (0 until labels are in). */
  get availableCount(): number {
    if (!this.labelsLoaded) return 0;
    let n = 0;
    for (let i = 0; i < this.sheetRanges.length && this.sheetLoaded[i]; i++) n += this.sheetRanges[i].count;
    return n;
  }

  get complete(): boolean {
    return this.availableCount === this.count;
  }

  /** One image's 784 bytes (a view, not a copy). */
  image(index: number): Uint8Array {
    return this.images.subarray(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS);
  }
}

export interface FashionMnistData {
  readonly train: SplitData;
  readonly test: SplitData;
}
