/** Seeded randomness so a run can be reproduced: same seed, same shuffles. */

/** A seeded generator of floats in [0, 1) whose position can be saved and restored (checkpoints). */
export interface Rng {
  (): number;
  /** The generator's whole state: restoring it replays the same numbers from there. */
  getState(): number;
  setState(state: number): void;
}

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Object.assign(next, {
    getState: () => a,
    setState: (state: number) => {
      a = state >>> 0;
    },
  });
}

/** Fisher–Yates shuffle in place; returns the array. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(array: T, rng: () => number): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}
