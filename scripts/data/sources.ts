/**
 * Finds the official IDX files: $FASHION_MNIST_DIR, else Debian's dataset-fashion-mnist
 * package, else a download from the dataset's official location. Every file is checked
 * against the published checksum (or the known decompressed content) before use.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { OFFICIAL_BASE_URL, type OfficialFile } from './checksums';

export const DEBIAN_DIR = '/usr/share/datasets/fashion-mnist';

export class ChecksumError extends Error {
  override name = 'ChecksumError';
}

const hex = (algorithm: string, data: Uint8Array) => createHash(algorithm).update(data).digest('hex');

/**
 * Returns the decompressed IDX bytes if `gz` is the official file: its MD5 equals the
 * published one, or its decompressed content has the recorded SHA-256.
 */
export function verifyOfficialFile(file: OfficialFile, gz: Uint8Array): { raw: Uint8Array; matched: 'published-md5' | 'content-sha256' } {
  let raw: Uint8Array;
  try {
    raw = new Uint8Array(gunzipSync(gz));
  } catch (error) {
    throw new ChecksumError(`${file.name} is not a valid gzip file (${(error as Error).message})`);
  }
  if (hex('md5', gz) === file.gzipMd5) return { raw, matched: 'published-md5' };
  const sha = hex('sha256', raw);
  if (sha === file.rawSha256) return { raw, matched: 'content-sha256' };
  throw new ChecksumError(
    `${file.name} does not match the official dataset: gzip MD5 ${hex('md5', gz)} (published ${file.gzipMd5}), ` +
      `content SHA-256 ${sha} (expected ${file.rawSha256})`,
  );
}

export interface SourceChoice {
  readonly dir: string;
  readonly origin: 'env' | 'debian' | 'download';
}

/** Picks where to read from; downloads into `cacheDir` only when no local copy exists. */
export async function locateSources(files: readonly OfficialFile[], cacheDir: string, log: (line: string) => void): Promise<SourceChoice> {
  const hasAll = (dir: string) => files.every((f) => existsSync(join(dir, f.name)));
  const fromEnv = process.env.FASHION_MNIST_DIR;
  if (fromEnv) {
    if (!hasAll(fromEnv)) throw new Error(`FASHION_MNIST_DIR=${fromEnv} does not contain ${files.map((f) => f.name).join(', ')}`);
    return { dir: fromEnv, origin: 'env' };
  }
  if (hasAll(DEBIAN_DIR)) return { dir: DEBIAN_DIR, origin: 'debian' };
  await mkdir(cacheDir, { recursive: true });
  for (const file of files) {
    const target = join(cacheDir, file.name);
    if (existsSync(target)) continue;
    const url = OFFICIAL_BASE_URL + file.name;
    log(`downloading ${url}`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`download of ${url} failed: HTTP ${response.status}`);
    await writeFile(target, new Uint8Array(await response.arrayBuffer()));
  }
  return { dir: cacheDir, origin: 'download' };
}

export async function readVerified(dir: string, file: OfficialFile): Promise<Uint8Array> {
  const gz = new Uint8Array(await readFile(join(dir, file.name)));
  return verifyOfficialFile(file, gz).raw;
}
