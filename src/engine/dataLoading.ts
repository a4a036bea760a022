/**
 * Streams the dataset into the engine's memory and reports it: progress and availability as
 * `data` events, and each decoded sheet as a `sheet` event so the page can show the images.
 */
import type { FashionMnistData } from '../ml/data/dataset';
import { DataLoadError, type Fetch } from '../ml/data/fetchWithProgress';
import { createDataset, fetchManifest, loadDataset, type SheetDecoder } from '../ml/data/loader';
import type { DataManifest } from '../ml/data/manifest';
import { NO_OFFLINE_COPY, OfflineCopy, type DataFileStore } from '../ml/data/offlineCopy';
import { IMAGE_PIXELS } from '../ml/constants';
import { throttle } from '../ml/util/throttle';
import type { DataState } from '../protocol/engineState';
import type { EngineEvent } from '../protocol/messages';

export interface DataDeps {
  readonly dataBaseUrl: string;
  readonly fetch: Fetch;
  readonly decoders: readonly SheetDecoder[];
  /** Opens the store of the dataset's offline copy (null: this browser keeps none). */
  readonly openDataStore?: () => Promise<DataFileStore | null>;
}

export const initialDataState: DataState = {
  status: 'idle',
  progress: null,
  error: null,
  trainAvailable: 0,
  testAvailable: 0,
  decoderNote: null,
  loadSeconds: null,
  offline: NO_OFFLINE_COPY,
};

export class DataLoading {
  data: FashionMnistData | null = null;
  state: DataState = initialDataState;
  private manifest: DataManifest | null = null;
  private offlineCopy: OfflineCopy | null | undefined;
  private startedAt = 0;

  constructor(
    private readonly deps: DataDeps,
    private readonly emit: (event: EngineEvent) => void,
    /** Called whenever more images become usable. */
    private readonly onMoreData: () => void,
  ) {}

  private set(patch: Partial<DataState>): void {
    this.state = { ...this.state, ...patch };
    this.emit({ type: 'data', data: this.state });
  }

  /** Loads (or, after a failure, resumes loading) the dataset. */
  async load(): Promise<void> {
    if (this.state.status === 'loading' || this.state.status === 'ready') return;
    this.startedAt ||= performance.now();
    this.set({ status: 'loading', error: null });
    const isOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;
    const options = { baseUrl: this.deps.dataBaseUrl, fetch: this.deps.fetch, decoders: this.deps.decoders, isOffline };
    let pendingProgress = this.state.progress;
    const progress = throttle(() => this.set({ progress: pendingProgress }), 100);
    try {
      this.manifest ??= await fetchManifest(options);
      const manifest = this.manifest;
      this.data ??= createDataset(manifest);
      const data = this.data;
      this.offlineCopy ??= await this.openOfflineCopy(manifest);
      await loadDataset(manifest, data, { ...options, offlineCopy: this.offlineCopy }, {
        onProgress: (p) => {
          pendingProgress = p;
          progress.request();
        },
        onSheet: (split, index, decoder, fellBack) => {
          const layout = manifest.splits[split];
          const { first, count } = layout.sheets[index];
          this.emit({
            type: 'sheet',
            split,
            sheet: index,
            layout: { count: layout.count, sheets: layout.sheets.map((s) => ({ first: s.first, count: s.count })) },
            pixels: data[split].images.slice(first * IMAGE_PIXELS, (first + count) * IMAGE_PIXELS),
            labels: data[split].labels.slice(),
          });
          this.set({
            trainAvailable: data.train.availableCount,
            testAvailable: data.test.availableCount,
            decoderNote: fellBack
              ? `The browser's image decoder altered pixel values, so the sheets were decoded exactly in JavaScript (${decoder} decoder).`
              : this.state.decoderNote,
          });
          this.onMoreData();
        },
      });
      progress.flush();
      this.set({ status: 'ready', loadSeconds: (performance.now() - this.startedAt) / 1000 });
    } catch (error) {
      progress.flush();
      const file = error instanceof DataLoadError ? error.file : 'dataset';
      this.set({ status: 'error', error: { message: (error as Error).message, file } });
    }
  }

  private async openOfflineCopy(manifest: DataManifest): Promise<OfflineCopy | null> {
    try {
      const store = (await this.deps.openDataStore?.()) ?? null;
      return store && (await OfflineCopy.open(store, this.deps.dataBaseUrl, manifest, (offline) => this.set({ offline })));
    } catch {
      // No usable storage (private mode, an opaque origin): the app works online without a copy.
      return null;
    }
  }
}
