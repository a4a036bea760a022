import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeLayers } from '../../ml/internals/layerInfo';
import { buildModel } from '../../ml/model/build';
import { SIMPLE_CNN } from '../../ml/model/spec';
import { stageTitle } from './stageTitles';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('stageTitle', () => {
  it('names each stage of the default model with its shape', () => {
    const model = buildModel(SIMPLE_CNN);
    expect(describeLayers(model).map(stageTitle)).toEqual([
      'Convolution: 32 filters of 3×3 + ReLU → 26×26×32',
      'Max pooling 2×2, stride 2 → 13×13×32',
      'Convolution: 64 filters of 3×3 + ReLU → 11×11×64',
      'Max pooling 2×2, stride 2 → 5×5×64',
      'Flatten → 1600',
      'Dense: 128 units + ReLU → 128',
      'Dense: 10 units + softmax → 10',
    ]);
    model.dispose();
  });
});
