/**
 * The architecture editor's operations on a layer list, as pure functions. The last layer
 * (the Dense(10, softmax) output) stays last: nothing is inserted after it or moved past it.
 */
import type { LayerSpec } from './spec';

/** Inserts `layer` at `index` (0 = first), never after the output layer. */
export function insertLayer(layers: readonly LayerSpec[], index: number, layer: LayerSpec): LayerSpec[] {
  const at = Math.max(0, Math.min(index, layers.length - 1));
  return [...layers.slice(0, at), layer, ...layers.slice(at)];
}

/** Removes the layer at `index`; the output layer cannot be removed. */
export function removeLayer(layers: readonly LayerSpec[], index: number): LayerSpec[] {
  if (index < 0 || index >= layers.length - 1) return [...layers];
  return layers.filter((_, i) => i !== index);
}

/** Swaps the layer at `index` with its neighbour (-1 up, +1 down); the output layer stays last. */
export function moveLayer(layers: readonly LayerSpec[], index: number, direction: -1 | 1): LayerSpec[] {
  const other = index + direction;
  const lastHidden = layers.length - 2;
  if (index < 0 || index > lastHidden || other < 0 || other > lastHidden) return [...layers];
  const out = [...layers];
  [out[index], out[other]] = [out[other], out[index]];
  return out;
}

/** Replaces the layer at `index`. */
export function replaceLayer(layers: readonly LayerSpec[], index: number, layer: LayerSpec): LayerSpec[] {
  return layers.map((l, i) => (i === index ? layer : l));
}
