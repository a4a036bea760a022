import { describe, expect, it } from 'vitest';
import { presetById } from '../model/presets';
import { SIMPLE_CNN } from '../model/spec';
import { describeSetup, setupDifferences } from './describeSetup';
import { DEFAULT_RUN_CONFIG } from './runConfig';

describe('run setups side by side', () => {
  it('describes a setup in words', () => {
    const rows = Object.fromEntries(describeSetup(DEFAULT_RUN_CONFIG, presetById('modern').spec).map((r) => [r.label, r.value]));
    expect(rows).toMatchObject({
      Architecture: 'Modern',
      Optimizer: 'Adam',
      'Learning rate': '0.002',
      'Learning-rate schedule': 'Cosine with warm-up',
      'L2 weight decay': 'off',
      Augmentation: 'shift ±2 px, horizontal flip',
      'Validation split': '10%',
      'Training examples': '60,000',
      'Early stopping': 'off',
    });
  });

  it('lists only what differs', () => {
    const a = describeSetup(DEFAULT_RUN_CONFIG, SIMPLE_CNN);
    const b = describeSetup({ ...DEFAULT_RUN_CONFIG, earlyStopping: 'val_loss' }, { ...SIMPLE_CNN, learningRate: 0.01, augmentation: { shift: 0, flip: false, erase: 0.5 } });
    expect(setupDifferences([a, b])).toEqual([
      { label: 'Learning rate', values: ['0.001', '0.01'] },
      { label: 'Augmentation', values: ['off', 'random erasing 50%'] },
      { label: 'Early stopping', values: ['off', 'val_loss, patience 3, restore best weights'] },
    ]);
    expect(setupDifferences([a, a])).toEqual([]);
    expect(setupDifferences([a])).toEqual([]);
    const custom = describeSetup(DEFAULT_RUN_CONFIG, { ...SIMPLE_CNN, layers: SIMPLE_CNN.layers.slice(4) });
    expect(setupDifferences([a, custom]).map((r) => r.label)).toEqual(['Architecture', 'Layers']);
  });
});
