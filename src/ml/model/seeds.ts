/**
 * Seeds derived from the run's one seed, so every random stream (each layer's initial
 * weights, each dropout mask, the augmentation) is reproducible and independent of the
 * others: turning augmentation on does not change the initial weights or the shuffling.
 */

/** Which random stream a derived seed is for. */
export const SEED_STREAM = { weights: 1, dropout: 2, augmentation: 3 } as const;

/**
 * A seed in [1, 2^31 - 1] mixed from `seed` and `salts` (murmur3's finaliser). Never 0:
 * tfjs treats seed 0 as "unseeded".
 */
export function deriveSeed(seed: number, ...salts: number[]): number {
  let h = (seed >>> 0) ^ 0x9e3779b9;
  for (const salt of salts) {
    h = Math.imul(h ^ (salt >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return 1 + ((h >>> 0) % 2147483646);
}
