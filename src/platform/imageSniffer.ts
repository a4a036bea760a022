/**
 * Identifies an uploaded file by its first bytes (magic numbers), never by its
 * name or MIME type, and reads the pixel size from the header so huge images
 * can be refused or shrunk before the browser decodes them.
 * Pure: runs in Node tests as well as in the page.
 */

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp';

export interface PixelSize {
  readonly width: number;
  readonly height: number;
}

export type SniffResult =
  | { readonly kind: 'empty' }
  /** `size` is null when the header is cut short or unreadable (the file is then likely damaged). */
  | { readonly kind: 'image'; readonly format: ImageFormat; readonly size: PixelSize | null }
  | { readonly kind: 'svg' }
  /** A real image format this page does not read (TIFF, HEIC, AVIF, ICO, PSD, JPEG XL). */
  | { readonly kind: 'unsupportedImage'; readonly formatName: string }
  /** Not an image; `description` completes "it looks like …", e.g. "a PDF document". */
  | { readonly kind: 'notImage'; readonly description: string };

/** How many leading bytes `sniffImage` needs at most (JPEG size markers can follow a large EXIF block). */
export const SNIFF_BYTES = 256 * 1024;

export const FORMAT_LABELS: Readonly<Record<ImageFormat, string>> = {
  png: 'PNG',
  jpeg: 'JPEG',
  gif: 'GIF',
  webp: 'WebP',
  bmp: 'BMP',
};

export const FORMAT_MIME: Readonly<Record<ImageFormat, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
};

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u24le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const i32le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
const u32le = (b: Uint8Array, i: number) => i32le(b, i) >>> 0;
const ascii = (b: Uint8Array, start: number, length: number) => String.fromCharCode(...b.subarray(start, start + length));

function startsWith(bytes: Uint8Array, magic: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + magic.length) return false;
  return magic.every((m, i) => bytes[offset + i] === m);
}

/** A size is only believable when both sides are positive. */
function sized(width: number, height: number): PixelSize | null {
  return width > 0 && height > 0 ? { width, height } : null;
}

function pngSize(b: Uint8Array): PixelSize | null {
  // 8-byte signature, then the IHDR chunk: length(4) "IHDR"(4) width(4) height(4), big-endian.
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
  return sized(u32be(b, 16), u32be(b, 20));
}

function gifSize(b: Uint8Array): PixelSize | null {
  // "GIF8?a", then the logical screen width and height, little-endian.
  return b.length < 10 ? null : sized(u16le(b, 6), u16le(b, 8));
}

function bmpSize(b: Uint8Array): PixelSize | null {
  if (b.length < 26) return null;
  const headerSize = u32le(b, 14);
  // OS/2 1.x headers (12 bytes) store 16-bit sizes; all later ones 32-bit, height negative for top-down rows.
  if (headerSize === 12) return sized(u16le(b, 18), u16le(b, 20));
  return sized(Math.abs(i32le(b, 18)), Math.abs(i32le(b, 22)));
}

function webpSize(b: Uint8Array): PixelSize | null {
  if (b.length < 30) return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ') {
    // Lossy: 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height.
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) return null;
    return sized(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    // Lossless: signature 0x2f, then width-1 and height-1 as 14-bit fields.
    if (b[20] !== 0x2f) return null;
    const bits = u32le(b, 21);
    return sized((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') {
    // Extended: canvas width-1 and height-1 as 24-bit fields.
    return sized(u24le(b, 24) + 1, u24le(b, 27) + 1);
  }
  return null;
}

function jpegSize(b: Uint8Array): PixelSize | null {
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) return null; // lost sync: not a well-formed marker sequence
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    // Markers without a length field.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image / scan data before any frame header
    const length = u16be(b, i + 2);
    // Start-of-frame markers C0..CF carry the size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > b.length) return null;
      return sized(u16be(b, i + 7), u16be(b, i + 5));
    }
    if (length < 2) return null;
    i += 2 + length;
  }
  return null;
}

/** Leading text (BOM and whitespace removed, lower case), or null if the bytes are not text. */
function leadingText(b: Uint8Array): string | null {
  const head = b.subarray(0, 4096);
  let start = 0;
  if (startsWith(head, [0xef, 0xbb, 0xbf])) start = 3;
  for (let i = start; i < head.length; i++) {
    const c = head[i];
    // Control bytes other than tab, newline, form feed and carriage return mean binary data.
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) return null;
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(start)).trimStart().toLowerCase();
}

function isoBrand(b: Uint8Array): string | null {
  return b.length >= 12 && ascii(b, 4, 4) === 'ftyp' ? ascii(b, 8, 4) : null;
}

/** What `bytes` (the start of a file, up to `SNIFF_BYTES`) contains. */
export function sniffImage(bytes: Uint8Array): SniffResult {
  const b = bytes;
  if (b.length === 0) return { kind: 'empty' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', format: 'png', size: pngSize(b) };
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: 'image', format: 'jpeg', size: jpegSize(b) };
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return { kind: 'image', format: 'gif', size: gifSize(b) };
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return { kind: 'image', format: 'webp', size: webpSize(b) };
  if (startsWith(b, [0x42, 0x4d]) && b.length >= 18) {
    const headerSize = u32le(b, 14);
    // Known DIB header sizes; "BM" alone is too common a start for text to trust.
    if ([12, 40, 52, 56, 64, 108, 124].includes(headerSize)) return { kind: 'image', format: 'bmp', size: bmpSize(b) };
  }

  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return { kind: 'unsupportedImage', formatName: 'TIFF' };
  if (startsWith(b, [0x00, 0x00, 0x01, 0x00])) return { kind: 'unsupportedImage', formatName: 'ICO (icon)' };
  if (startsWith(b, [0x38, 0x42, 0x50, 0x53])) return { kind: 'unsupportedImage', formatName: 'Photoshop (PSD)' };
  if (startsWith(b, [0xff, 0x0a]) || startsWith(b, [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) {
    return { kind: 'unsupportedImage', formatName: 'JPEG XL' };
  }
  const brand = isoBrand(b);
  if (brand && ['avif', 'avis'].includes(brand)) return { kind: 'unsupportedImage', formatName: 'AVIF' };
  if (brand && ['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1'].includes(brand)) return { kind: 'unsupportedImage', formatName: 'HEIC' };
  if (brand) return { kind: 'notImage', description: 'a video or other media file' };

  if (ascii(b, 0, Math.min(4, b.length)) === '%PDF') return { kind: 'notImage', description: 'a PDF document' };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'notImage', description: 'a ZIP archive (or an Office document)' };
  if (startsWith(b, [0x1f, 0x8b])) return { kind: 'notImage', description: 'a compressed (gzip) file' };

  const text = leadingText(b);
  if (text !== null) {
    if (text.startsWith('<svg') || ((text.startsWith('<?xml') || text.startsWith('<!doctype svg') || text.startsWith('<!--')) && text.includes('<svg'))) {
      return { kind: 'svg' };
    }
    if (text.startsWith('<!doctype html') || text.startsWith('<html')) return { kind: 'notImage', description: 'a web page (HTML)' };
    return { kind: 'notImage', description: 'a text file' };
  }
  return { kind: 'notImage', description: 'a file of an unknown kind' };
}
