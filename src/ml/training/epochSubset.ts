/**
 * The per-epoch evaluation's size: the first test images, a fixed subset cheap enough to run
 * after every epoch (the full test set is evaluated once, when training ends).
 */
export const EPOCH_SUBSET_SIZE = 1000;

/** How many test images the per-epoch evaluation uses: the first min(1,000, testSize, loaded). */
export function epochSubsetSize(testSize: number, testAvailable: number): number {
  return Math.max(0, Math.min(EPOCH_SUBSET_SIZE, testSize, testAvailable));
}
