/**
 * The dataset's offline copy: every data file, once downloaded and verified against the
 * manifest (size and SHA-256), is kept in a store (the Cache API in the browser), and read from
 * there on later visits, also without a network. Bytes read back are verified again before
 * use: a damaged entry is dropped and downloaded again, never trained on. A full disk (quota
 * exceeded) ends the copying with a message; the data in memory is unaffected, so the app runs
 * online as before.
 */
import { DataLoadError, verifyBytes } from './fetchWithProgress';
import type { DataManifest, FileManifest } from './manifest';

/** Where verified data files are kept between visits; URLs are absolute. */
export interface DataFileStore {
  /** The stored bytes, or null when `url` is not stored. */
  read(url: string): Promise<Uint8Array | null>;
  /** Stores `bytes` under `url`; rejects with a DOMException named QuotaExceededError when the disk or quota is full. */
  keep(url: string, bytes: Uint8Array): Promise<void>;
  drop(url: string): Promise<void>;
  /** Every stored URL. */
  urls(): Promise<string[]>;
}

export type OfflineCopyStatus = 'unavailable' | 'partial' | 'complete' | 'full';

export interface OfflineCopyState {
  /** unavailable: the browser keeps no copy; partial: being filled; complete: every file; full: the quota ran out. */
  readonly status: OfflineCopyStatus;
  readonly files: number;
  readonly totalFiles: number;
  readonly bytes: number;
  readonly totalBytes: number;
  /** Files not in the copy yet, in manifest order. */
  readonly missing: readonly string[];
  /** Something the user should know (a damaged entry replaced, the quota reached). */
  readonly note: string | null;
}

export const NO_OFFLINE_COPY: OfflineCopyState = { status: 'unavailable', files: 0, totalFiles: 0, bytes: 0, totalBytes: 0, missing: [], note: null };

/** Every file the loader reads, in manifest order (labels first, then the sheets, per split). */
export function dataFiles(manifest: DataManifest): FileManifest[] {
  return (['train', 'test'] as const).flatMap((split) => [manifest.splits[split].labels, ...manifest.splits[split].sheets]);
}

export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  // Firefox used NS_ERROR_DOM_QUOTA_REACHED; the standard name is QuotaExceededError.
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;

export class OfflineCopy {
  private readonly stored = new Set<string>();
  private full = false;
  private note: string | null = null;
  private readonly files: FileManifest[];

  private constructor(
    private readonly store: DataFileStore,
    private readonly baseUrl: string,
    manifest: DataManifest,
    private readonly onChange: (state: OfflineCopyState) => void,
  ) {
    this.files = dataFiles(manifest);
  }

  /** Opens the copy for `manifest`, forgetting stored files the manifest no longer lists (an older dataset). */
  static async open(store: DataFileStore, baseUrl: string, manifest: DataManifest, onChange: (state: OfflineCopyState) => void): Promise<OfflineCopy> {
    const copy = new OfflineCopy(store, baseUrl, manifest, onChange);
    const wanted = new Set(copy.files.map((f) => baseUrl + f.file));
    for (const url of await store.urls()) {
      if (wanted.has(url)) copy.stored.add(url);
      else if (url.startsWith(baseUrl)) await store.drop(url);
    }
    copy.changed();
    return copy;
  }

  state(): OfflineCopyState {
    const held = this.files.filter((f) => this.stored.has(this.baseUrl + f.file));
    const totalBytes = this.files.reduce((sum, f) => sum + f.bytes, 0);
    const bytes = held.reduce((sum, f) => sum + f.bytes, 0);
    const status: OfflineCopyStatus = held.length === this.files.length ? 'complete' : this.full ? 'full' : 'partial';
    return {
      status,
      files: held.length,
      totalFiles: this.files.length,
      bytes,
      totalBytes,
      missing: this.files.filter((f) => !this.stored.has(this.baseUrl + f.file)).map((f) => f.file),
      note: this.note,
    };
  }

  /** The file's verified bytes from the copy, or null (not stored, or damaged: then dropped, with a note). */
  async read(entry: FileManifest): Promise<Uint8Array | null> {
    const url = this.baseUrl + entry.file;
    let bytes: Uint8Array | null;
    try {
      bytes = await this.store.read(url);
    } catch {
      bytes = null;
    }
    if (bytes === null) {
      if (this.stored.delete(url)) this.changed();
      return null;
    }
    const problem = await verifyBytes(bytes, entry);
    if (problem === null) {
      this.stored.add(url);
      return bytes;
    }
    await this.store.drop(url).catch(() => {});
    this.stored.delete(url);
    this.note = `${entry.file} in this browser's offline copy was damaged (${problem}): it was dropped and is downloaded again.`;
    this.changed();
    return null;
  }

  /** Keeps freshly downloaded, verified bytes. A full quota stops copying (with a note); nothing is thrown. */
  async keep(entry: FileManifest, bytes: Uint8Array): Promise<void> {
    if (this.full) return;
    const url = this.baseUrl + entry.file;
    try {
      await this.store.keep(url, bytes);
      this.stored.add(url);
    } catch (error) {
      if (isQuotaError(error)) {
        this.full = true;
        const { bytes: kept, totalBytes } = this.state();
        this.note = `Not enough storage to keep the dataset offline: the browser's quota ran out after ${MB(kept)} of ${MB(totalBytes)}. The app runs online as usual; free some disk space and reload to try again.`;
      } else {
        this.note = `The dataset could not be kept offline (${(error as Error).message}). The app runs online as usual.`;
      }
      // Whatever part of the failed entry was written is not trusted.
      await this.store.drop(url).catch(() => {});
    }
    this.changed();
  }

  /**
   * The loader's error when a file could not be downloaded while the copy is partial (typically
   * offline after an interrupted first visit): it says which part is missing and what is there.
   */
  explainFailure(error: DataLoadError, offline: boolean): DataLoadError {
    const { missing, files, totalFiles } = this.state();
    if (error.kind !== 'network' || files === 0 || missing.length === 0) return error;
    const list = missing.length <= 4 ? missing.join(', ') : `${missing.slice(0, 3).join(', ')} and ${missing.length - 3} more`;
    return new DataLoadError(
      'network',
      error.file,
      `${offline ? 'You are offline' : `${error.file} could not be downloaded`}, and this browser's offline copy of the dataset is incomplete: it holds ${files} of ${totalFiles} files; missing: ${list}. ` +
        'What is loaded can be used; connect to the network once to complete the copy, then retry.',
    );
  }

  private changed(): void {
    this.onChange(this.state());
  }
}
