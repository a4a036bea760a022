import { describe, expect, it } from 'vitest';
import { insertLayer, moveLayer, removeLayer, replaceLayer } from './editLayers';
import { SIMPLE_CNN, type LayerSpec } from './spec';

const L = SIMPLE_CNN.layers;
const types = (layers: readonly LayerSpec[]) => layers.map((l) => l.type).join(' ');

describe('editing the layer list', () => {
  it('inserts anywhere before the output layer', () => {
    const bn: LayerSpec = { type: 'batchNorm' };
    expect(types(insertLayer(L, 0, bn))).toBe('batchNorm conv2d maxPool2d conv2d maxPool2d flatten dense dense');
    expect(types(insertLayer(L, 6, bn))).toBe('conv2d maxPool2d conv2d maxPool2d flatten dense batchNorm dense');
    expect(types(insertLayer(L, 99, bn))).toBe('conv2d maxPool2d conv2d maxPool2d flatten dense batchNorm dense');
  });

  it('removes hidden layers but never the output', () => {
    expect(types(removeLayer(L, 1))).toBe('conv2d conv2d maxPool2d flatten dense dense');
    expect(removeLayer(L, 6)).toEqual(L);
  });

  it('moves layers up and down, keeping the output last', () => {
    expect(types(moveLayer(L, 1, -1))).toBe('maxPool2d conv2d conv2d maxPool2d flatten dense dense');
    expect(types(moveLayer(L, 4, 1))).toBe('conv2d maxPool2d conv2d maxPool2d dense flatten dense');
    expect(moveLayer(L, 5, 1)).toEqual(L);
    expect(moveLayer(L, 0, -1)).toEqual(L);
    expect(moveLayer(L, 6, -1)).toEqual(L);
  });

  it('replaces one layer', () => {
    expect(replaceLayer(L, 5, { type: 'dense', units: 64, activation: 'relu' })[5]).toEqual({ type: 'dense', units: 64, activation: 'relu' });
  });
});
