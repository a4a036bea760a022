/** fetch() that reports bytes as they arrive and checks the result against the manifest. */
import type { FileManifest } from './manifest';

export type DataErrorKind = 'network' | 'http' | 'missing' | 'size' | 'checksum' | 'decode' | 'pixels' | 'manifest';

/** A failure to load one data file; the message is meant for the user. */
export class DataLoadError extends Error {
  override name = 'DataLoadError';
  constructor(
    readonly kind: DataErrorKind,
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

export type Fetch = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

/** SHA-256 as hex, when the platform has WebCrypto (not on plain-http LAN pages). */
async function sha256Hex(bytes: Uint8Array): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Throws the user-facing reason when `response` does not carry the file: missing (404, or
 * the HTML page a dev server sends for unknown paths), a server error (5xx), other HTTP failures.
 */
export function checkResponse(response: Response, file: string): void {
  if (response.status === 404) throw new DataLoadError('missing', file, `${file} is missing on the server (HTTP 404). Run "npm run data" to regenerate public/data/.`);
  if (response.status >= 500) {
    throw new DataLoadError('http', file, `The server failed to send ${file}: server error ${response.status}${response.statusText ? ` (${response.statusText})` : ''}. Try again later.`);
  }
  if (!response.ok) throw new DataLoadError('http', file, `Downloading ${file} failed: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`);
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    throw new DataLoadError('missing', file, `${file} is missing on the server (got an HTML page instead). Run "npm run data".`);
  }
}

/** Why `bytes` are not the file `entry` describes (size, then SHA-256), or null when they are. */
export async function verifyBytes(bytes: Uint8Array, entry: FileManifest): Promise<string | null> {
  if (bytes.length !== entry.bytes) return `${bytes.length.toLocaleString('en')} bytes, expected ${entry.bytes.toLocaleString('en')}`;
  const sha = await sha256Hex(bytes);
  return sha !== null && sha !== entry.sha256 ? 'its SHA-256 does not match the manifest' : null;
}

export async function fetchVerified(
  fetchFn: Fetch,
  baseUrl: string,
  entry: FileManifest,
  onBytes: (delta: number) => void,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetchFn(baseUrl + entry.file, { signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new DataLoadError('network', entry.file, `Could not download ${entry.file}: ${(error as Error).message}. Check the connection to the server.`);
  }
  checkResponse(response, entry.file);
  const buffer = new Uint8Array(entry.bytes);
  let received = 0;
  try {
    const reader = response.body?.getReader();
    if (!reader) {
      const all = new Uint8Array(await response.arrayBuffer());
      if (all.length === entry.bytes) buffer.set(all);
      received = all.length;
      onBytes(Math.min(all.length, entry.bytes));
    } else {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (received + value.length > entry.bytes) {
          await reader.cancel();
          received += value.length;
          break;
        }
        buffer.set(value, received);
        received += value.length;
        onBytes(value.length);
      }
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    // The connection broke mid-file (the body stream errors): say which file and how far it got.
    throw new DataLoadError(
      'network',
      entry.file,
      `The connection broke while downloading ${entry.file} (${received.toLocaleString('en')} of ${entry.bytes.toLocaleString('en')} bytes): ${(error as Error).message}. Check the connection, then retry.`,
    );
  }
  if (received !== entry.bytes) {
    throw new DataLoadError(
      'size',
      entry.file,
      `${entry.file} is ${received < entry.bytes ? 'truncated' : 'too long'}: ${received.toLocaleString('en')} bytes, expected ${entry.bytes.toLocaleString('en')}.`,
    );
  }
  const sha = await sha256Hex(buffer);
  if (sha !== null && sha !== entry.sha256) {
    throw new DataLoadError('checksum', entry.file, `${entry.file} is corrupt: its SHA-256 does not match the manifest.`);
  }
  return buffer;
}
