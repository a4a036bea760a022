/**
 * The page's read-only copy of the images the engine has loaded, for showing them (samples,
 * galleries, the internals' input). Filled from the engine's `sheet` events; 55 MB for all
 * 70,000 images, which is what the page pays for never asking the engine for a picture.
 */
import { SplitData } from '../ml/data/dataset';
import type { EngineEvent } from '../protocol/messages';

export interface DatasetView {
  readonly train: SplitData;
  readonly test: SplitData;
  /** Bumped whenever more images arrive. */
  readonly revision: number;
}

export function emptyDataset(): DatasetView {
  return { train: new SplitData('train', 0, []), test: new SplitData('test', 0, []), revision: 0 };
}

/** The view with one more sheet in place (a new object; the split's buffers are reused). */
export function withSheet(view: DatasetView, event: Extract<EngineEvent, { type: 'sheet' }>): DatasetView {
  const current = view[event.split];
  const split = current.count === event.layout.count ? current : new SplitData(event.split, event.layout.count, event.layout.sheets);
  split.setLabels(event.labels);
  split.setSheet(event.sheet, event.pixels);
  return { ...view, [event.split]: split, revision: view.revision + 1 };
}
