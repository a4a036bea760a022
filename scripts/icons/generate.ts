/**
 * Draws the app's icons (public/icons/*.png): a white T-shirt, Fashion-MNIST's class 0, as a
 * 16×16 pixel sprite on the app's accent blue. Deterministic, no image tools needed:
 * `npx tsx scripts/icons/generate.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from 'fast-png';

const SHIRT = [
  '................',
  '................',
  '....###..###....',
  '..#####..#####..',
  '....########....',
  '....########....',
  '##..########..##',
  '....########....',
  '....########....',
  '....########....',
  '....########....',
  '....########....',
  '....########....',
  '....########....',
  '....########....',
  '................',
];
const ACCENT = [0x0b, 0x63, 0xc5];
const WHITE = [0xff, 0xff, 0xff];

/**
 * A square icon of `size` pixels. `inset`: the share of the side the sprite spans (maskable
 * icons keep their content inside the central 80% circle, so they use less).
 */
function icon(size: number, inset: number): Uint8Array {
  const data = new Uint8Array(size * size * 3);
  const span = Math.round(size * inset);
  const offset = Math.floor((size - span) / 2);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sx = Math.floor(((x - offset) / span) * 16);
      const sy = Math.floor(((y - offset) / span) * 16);
      const on = sx >= 0 && sy >= 0 && sx < 16 && sy < 16 && SHIRT[sy][sx] === '#';
      data.set(on ? WHITE : ACCENT, (y * size + x) * 3);
    }
  }
  return encode({ width: size, height: size, data, channels: 3, depth: 8 });
}

const out = join(import.meta.dirname, '../../public/icons');
mkdirSync(out, { recursive: true });
const files: [string, number, number][] = [
  ['icon-192.png', 192, 0.9],
  ['icon-512.png', 512, 0.9],
  ['maskable-512.png', 512, 0.66],
  ['apple-touch-icon.png', 180, 0.8],
  ['favicon-32.png', 32, 1],
];
for (const [name, size, inset] of files) writeFileSync(join(out, name), icon(size, inset));
console.log(`Wrote ${files.map(([name]) => name).join(', ')} to public/icons/`);
