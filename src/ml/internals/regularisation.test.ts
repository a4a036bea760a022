import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_CONFIG } from '../config/runConfig';
import { NO_AUGMENTATION, SIMPLE_CNN, type ModelSpec } from '../model/spec';
import { describeRegularisation } from './regularisation';

describe('describeRegularisation', () => {
  it('says the default setup uses none of the defences', () => {
    const items = describeRegularisation(SIMPLE_CNN, DEFAULT_RUN_CONFIG);
    expect(items.map((i) => i.text)).toEqual(['no dropout', 'no batch normalisation', 'no augmentation', 'no weight decay', 'no early stopping']);
    expect(items.some((i) => i.active)).toBe(false);
  });

  it('names each defence that is switched on, with its setting', () => {
    const spec: ModelSpec = {
      ...SIMPLE_CNN,
      layers: [SIMPLE_CNN.layers[0], { type: 'batchNorm' }, ...SIMPLE_CNN.layers.slice(1, 6), { type: 'dropout', rate: 0.5 }, SIMPLE_CNN.layers[6]],
      l2: 0.0001,
      augmentation: { ...NO_AUGMENTATION, shift: 2, flip: true, erase: 0.25 },
    };
    const items = describeRegularisation(spec, { earlyStopping: 'val_loss', patience: 3, restoreBestWeights: true });
    expect(items.map((i) => i.text)).toEqual([
      'dropout 0.5 (dropout_8)',
      'batch normalisation (batchNorm_2)',
      'augmentation: shifts of up to 2 px, left-right mirroring, random erasing (25% of images)',
      'L2 weight decay 0.0001',
      'early stopping on the validation loss after 3 epochs without improvement, restoring the best weights',
    ]);
    expect(items.every((i) => i.active)).toBe(true);
  });
});
