/** Streams the dataset into memory and mirrors progress, errors and availability into AppState. */
import type { FashionMnistData } from '../ml/data/dataset';
import { DataLoadError, type Fetch } from '../ml/data/fetchWithProgress';
import { createDataset, fetchManifest, loadDataset, type SheetDecoder } from '../ml/data/loader';
import type { StateCell } from './stateCell';
import { throttle } from './throttle';
import type { AppState } from './types';

export interface DataDeps {
  readonly dataBaseUrl: string;
  readonly fetch: Fetch;
  readonly decoders: readonly SheetDecoder[];
}

export class DataController {
  data: FashionMnistData | null = null;
  private startedAt = 0;

  constructor(
    private readonly cell: StateCell<AppState>,
    private readonly deps: DataDeps,
    /** Called whenever more images become usable. */
    private readonly onMoreData: () => void,
  ) {}

  /** Loads (or, after a failure, resumes loading) the dataset. */
  async load(): Promise<void> {
    if (this.cell.get().data.status === 'loading') return;
    this.startedAt ||= performance.now();
    const set = (patch: Partial<AppState['data']>) => this.cell.set((s) => ({ ...s, data: { ...s.data, ...patch } }));
    set({ status: 'loading', error: null });
    const options = { baseUrl: this.deps.dataBaseUrl, fetch: this.deps.fetch, decoders: this.deps.decoders };
    let pendingProgress = this.cell.get().data.progress;
    const progress = throttle(() => set({ progress: pendingProgress }), 100);
    try {
      const manifest = await fetchManifest(options);
      this.data ??= createDataset(manifest);
      const data = this.data;
      await loadDataset(manifest, data, options, {
        onProgress: (p) => {
          pendingProgress = p;
          progress.request();
        },
        onSheet: (_split, _index, decoder, fellBack) => {
          const s = this.cell.get().data;
          set({
            trainAvailable: data.train.availableCount,
            testAvailable: data.test.availableCount,
            revision: s.revision + 1,
            decoderNote: fellBack
              ? `The browser's image decoder altered pixel values, so the sheets were decoded exactly in JavaScript (${decoder} decoder).`
              : s.decoderNote,
          });
          this.onMoreData();
        },
      });
      progress.flush();
      set({ status: 'ready', loadSeconds: (performance.now() - this.startedAt) / 1000 });
    } catch (error) {
      progress.flush();
      const file = error instanceof DataLoadError ? error.file : 'dataset';
      set({ status: 'error', error: { message: (error as Error).message, file } });
    }
  }
}
