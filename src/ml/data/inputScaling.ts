/**
 * How pixel bytes (0..255) become the network's input: divided by 255 (values in [0, 1], what
 * every shipped network is trained with) or fed as they are (0..255, to show why one normalises).
 * A property of a model: it trains with it, and everything that feeds it later (evaluation,
 * Classify, the internals, a saved or imported copy) must feed it the same way.
 */
export const INPUT_SCALINGS = ['unit', 'raw255'] as const;
export type InputScaling = (typeof INPUT_SCALINGS)[number];

export const DEFAULT_INPUT_SCALING: InputScaling = 'unit';

/** Short names for a settings menu, and one line on what each does. */
export const INPUT_SCALING_LABELS: Record<InputScaling, string> = {
  unit: '0–1 (pixels ÷ 255)',
  raw255: '0–255 (raw pixels)',
};
export const INPUT_SCALING_HELP = 'How pixel values reach the network: divided by 255 into 0–1 (normalised), or as raw 0–255 values.';

/** One pixel byte (0..255) as the network's input value under `scaling`. */
export function scalePixel(byte: number, scaling: InputScaling): number {
  // The division (not a multiplication by 1/255) keeps 'unit' inputs bit-identical to before.
  return scaling === 'unit' ? byte / 255 : byte;
}

/** Bytes (0..255) -> a new Float32Array of the network's input values under `scaling`. */
export function scalePixels(bytes: ArrayLike<number>, scaling: InputScaling, out: Float32Array = new Float32Array(bytes.length), offset = 0): Float32Array {
  if (scaling === 'unit') for (let i = 0; i < bytes.length; i++) out[offset + i] = bytes[i] / 255;
  else for (let i = 0; i < bytes.length; i++) out[offset + i] = bytes[i];
  return out;
}
