/**
 * A compact, readable text form of a layer list for the URL, defaults left out:
 *   conv32k3_max2_conv64k3_max2_flat_dense128_dense10-softmax
 * Tokens (joined by "_"):
 *   conv<filters>k<kernel>[s<stride>][same][-<activation>]   stride 1, valid, relu by default
 *   max<size>[s<stride>][same], avg<size>[s<stride>][same]    stride = size, valid by default
 *   dense<units>[-<activation>]                               relu by default
 *   drop<rate>, bn, flat, gap
 */
import { ACTIVATIONS, type Activation, type LayerSpec } from '../model/spec';

const NUMBER = '(\\d+(?:\\.\\d+)?(?:e-?\\d+)?)';
const ACTIVATION = `(?:-(${ACTIVATIONS.join('|')}))?`;
const CONV = new RegExp(`^conv${NUMBER}k${NUMBER}(?:s${NUMBER})?(same|valid)?${ACTIVATION}$`);
const POOL = new RegExp(`^(max|avg)${NUMBER}(?:s${NUMBER})?(same|valid)?$`);
const DENSE = new RegExp(`^dense${NUMBER}${ACTIVATION}$`);
const DROP = new RegExp(`^drop${NUMBER}$`);

const activationSuffix = (activation: Activation, usual: Activation) => (activation === usual ? '' : `-${activation}`);

export function encodeLayer(layer: LayerSpec): string {
  switch (layer.type) {
    case 'conv2d':
      return `conv${layer.filters}k${layer.kernelSize}${layer.strides === 1 ? '' : `s${layer.strides}`}${layer.padding === 'same' ? 'same' : ''}${activationSuffix(layer.activation, 'relu')}`;
    case 'maxPool2d':
    case 'avgPool2d':
      return `${layer.type === 'maxPool2d' ? 'max' : 'avg'}${layer.poolSize}${layer.strides === layer.poolSize ? '' : `s${layer.strides}`}${layer.padding === 'same' ? 'same' : ''}`;
    case 'dense':
      return `dense${layer.units}${activationSuffix(layer.activation, 'relu')}`;
    case 'dropout':
      return `drop${layer.rate}`;
    case 'batchNorm':
      return 'bn';
    case 'flatten':
      return 'flat';
    case 'globalAvgPool2d':
      return 'gap';
  }
}

export const encodeLayers = (layers: readonly LayerSpec[]): string => layers.map(encodeLayer).join('_');

/** One token back to a layer (numbers unchecked: see layerSchema), or null if not understood. */
export function decodeLayer(token: string): LayerSpec | null {
  const simple: Record<string, LayerSpec> = { bn: { type: 'batchNorm' }, flat: { type: 'flatten' }, gap: { type: 'globalAvgPool2d' } };
  if (token in simple) return simple[token];
  let m = CONV.exec(token);
  if (m) {
    return {
      type: 'conv2d',
      filters: Number(m[1]),
      kernelSize: Number(m[2]),
      strides: m[3] === undefined ? 1 : Number(m[3]),
      padding: m[4] === 'same' ? 'same' : 'valid',
      activation: (m[5] as Activation | undefined) ?? 'relu',
    };
  }
  m = POOL.exec(token);
  if (m) {
    const poolSize = Number(m[2]);
    return {
      type: m[1] === 'max' ? 'maxPool2d' : 'avgPool2d',
      poolSize,
      strides: m[3] === undefined ? poolSize : Number(m[3]),
      padding: m[4] === 'same' ? 'same' : 'valid',
    };
  }
  m = DENSE.exec(token);
  if (m) return { type: 'dense', units: Number(m[1]), activation: (m[2] as Activation | undefined) ?? 'relu' };
  m = DROP.exec(token);
  if (m) return { type: 'dropout', rate: Number(m[1]) };
  return null;
}

export type DecodedLayers = { readonly layers: LayerSpec[] } | { readonly error: string };

export function decodeLayers(text: string): DecodedLayers {
  if (text.trim() === '') return { error: 'it is empty.' };
  const tokens = text.split('_');
  const layers: LayerSpec[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const layer = decodeLayer(tokens[i]);
    if (!layer) {
      return { error: `layer ${i + 1} "${tokens[i]}" is not understood (expected e.g. conv32k3, max2, bn, drop0.25, flat, gap, dense128).` };
    }
    layers.push(layer);
  }
  return { layers };
}
