import { describe, expect, it } from 'vitest';
import { createRng } from '../ml/random';
import { analyzeModel } from '../ml/model/analyze';
import { PRESETS, presetById } from '../ml/model/presets';
import { ACTIVATIONS, LAYER_TYPES, SIMPLE_CNN, defaultLayer, type LayerSpec, type ModelSpec } from '../ml/model/spec';
import { SCHEDULES } from '../ml/training/schedules';
import { INPUT_SCALINGS } from '../ml/data/inputScaling';
import { decodeLayers, encodeLayers } from '../ml/config/layerCodec';
import { DEFAULT_RUN_CONFIG, runConfigProblems, type RunConfig } from '../ml/config/runConfig';
import { canonicalSearch, parseUrlState, serializeUrlState, type ViewOptions } from './urlState';

const NO_VIEW: ViewOptions = { decoder: 'auto', instructor: null, page: 'train' };

const roundTrip = (config: RunConfig, spec: ModelSpec) => parseUrlState(serializeUrlState(config, spec));

describe('the view in the address', () => {
  it('opens the named view (case and spaces forgiven), and round-trips through the canonical address', () => {
    expect(parseUrlState('?view=evaluate').view.page).toBe('evaluate');
    expect(parseUrlState('?trainSize=100&view=%20Internals%20').view.page).toBe('internals');
    expect(parseUrlState('?view=').view.page).toBe('train');
    expect(canonicalSearch(parseUrlState('?view=Models&epochs=2'))).toBe('?epochs=2&view=models');
  });

  it('says which names work when the view is unknown, and opens the Train view', () => {
    const parsed = parseUrlState('?view=settings');
    expect(parsed.view.page).toBe('train');
    expect(parsed.problems.join(' ')).toMatch(/view="settings" ignored: use one of train, model, evaluate/);
  });
});

describe('the whole setup round-trips through the URL', () => {
  it('writes nothing for the defaults', () => {
    expect(serializeUrlState(DEFAULT_RUN_CONFIG, SIMPLE_CNN)).toBe('');
    expect(parseUrlState('')).toEqual({ config: DEFAULT_RUN_CONFIG, spec: SIMPLE_CNN, view: NO_VIEW, problems: [] });
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('preset %s, by name only', (id, preset) => {
    const query = serializeUrlState(DEFAULT_RUN_CONFIG, preset.spec);
    expect(query).toBe(id === 'simple' ? '' : `?preset=${id}`);
    expect(parseUrlState(query)).toEqual({ config: DEFAULT_RUN_CONFIG, spec: preset.spec, view: NO_VIEW, problems: [] });
  });

  it('a preset with changed hyperparameters and run settings', () => {
    const spec: ModelSpec = { ...presetById('modern').spec, optimizer: 'sgd', learningRate: 0.05, l2: 0.0005, augmentation: { shift: 0, flip: false, erase: 0.5 } };
    const config: RunConfig = { ...DEFAULT_RUN_CONFIG, epochs: 12, batchSize: 128, seed: 7, earlyStopping: 'val_accuracy', patience: 2, restoreBestWeights: false };
    const query = serializeUrlState(config, spec);
    expect(query).toBe(
      '?epochs=12&batchSize=128&seed=7&earlyStopping=val_accuracy&patience=2&restoreBestWeights=0&preset=modern&optimizer=sgd&lr=0.05&l2=0.0005&shift=0&erase=0.5&flip=0',
    );
    expect(roundTrip(config, spec)).toEqual({ config, spec, view: NO_VIEW, problems: [] });
  });

  it('a custom architecture in the compact layers form', () => {
    const layers: LayerSpec[] = [
      { type: 'conv2d', filters: 16, kernelSize: 5, strides: 2, padding: 'same', activation: 'elu' },
      { type: 'batchNorm' },
      { type: 'avgPool2d', poolSize: 3, strides: 1, padding: 'same' },
      { type: 'dropout', rate: 0.125 },
      { type: 'globalAvgPool2d' },
      { type: 'dense', units: 32, activation: 'tanh' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ];
    expect(encodeLayers(layers)).toBe('conv16k5s2same-elu_bn_avg3s1same_drop0.125_gap_dense32-tanh_dense10-softmax');
    expect(encodeLayers(SIMPLE_CNN.layers)).toBe('conv32k3_max2_conv64k3_max2_flat_dense128_dense10-softmax');
    const spec = { ...SIMPLE_CNN, layers, learningRate: 0.003 };
    expect(roundTrip(DEFAULT_RUN_CONFIG, spec)).toEqual({ config: DEFAULT_RUN_CONFIG, spec, view: NO_VIEW, problems: [] });
  });

  it('any valid random setup: encode then decode gives the same setup', () => {
    const rng = createRng(11);
    const pick = <T>(items: readonly T[]) => items[Math.floor(rng() * items.length)];
    let checked = 0;
    for (let trial = 0; trial < 400; trial++) {
      const hidden = Array.from({ length: Math.floor(rng() * 6) }, (): LayerSpec => {
        const layer = defaultLayer(pick(LAYER_TYPES));
        if (layer.type === 'conv2d') return { ...layer, filters: 1 + Math.floor(rng() * 64), kernelSize: pick([1, 2, 3, 5]), strides: pick([1, 2]), padding: pick(['same', 'valid']), activation: pick(ACTIVATIONS) };
        if (layer.type === 'dropout') return { ...layer, rate: Math.round(rng() * 99) / 100 };
        if (layer.type === 'dense') return { ...layer, units: 1 + Math.floor(rng() * 300), activation: pick(ACTIVATIONS) };
        if (layer.type === 'maxPool2d' || layer.type === 'avgPool2d') return { ...layer, poolSize: pick([1, 2, 3]), strides: pick([1, 2, 3]) };
        return layer;
      });
      const layers = [...hidden, { type: 'flatten' } as LayerSpec, SIMPLE_CNN.layers[6]];
      if (!analyzeModel({ layers }).valid) continue;
      const spec: ModelSpec = {
        layers,
        optimizer: pick(['adam', 'sgd', 'rmsprop', 'adagrad'] as const),
        learningRate: pick([0.001, 0.0003, 0.01, 0.1, 1e-5]),
        schedule: pick(SCHEDULES),
        l2: pick([0, 1e-4, 0.01]),
        augmentation: { shift: pick([0, 1, 3]), flip: rng() < 0.5, erase: pick([0, 0.25, 1]) },
        inputScaling: pick(INPUT_SCALINGS),
        labelSmoothing: pick([0, 0.05, 0.1, 0.5]),
        weightAverage: pick([0, 0.9, 0.99, 0.998, 0.9999]),
        flipTta: rng() < 0.5,
      };
      const config: RunConfig = { ...DEFAULT_RUN_CONFIG, seed: Math.floor(rng() * 1e6), validationSplit: pick([0, 0.1, 0.25]), earlyStopping: pick(['off', 'loss', 'val_loss'] as const) };
      expect(roundTrip(config, spec)).toEqual({ config, spec, view: NO_VIEW, problems: [] });
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('invalid or tampered URLs are reported and replaced by defaults', () => {
  it('each bad model parameter is named and ignored', () => {
    const { config, spec, problems } = parseUrlState('?preset=resnet&optimizer=lbfgs&lr=-1&l2=0.5&shift=2.5&erase=2&flip=maybe');
    expect(config).toEqual(DEFAULT_RUN_CONFIG);
    expect(spec).toEqual(SIMPLE_CNN);
    expect(problems).toEqual([
      'URL parameter preset="resnet" ignored: use one of simple, fast, wide, dropout, vgg, modern.',
      'URL parameter optimizer="lbfgs" ignored: use one of adam, sgd, rmsprop, adagrad.',
      'URL parameter lr="-1" ignored: Learning rate must be between 0.000001 and 1.',
      'URL parameter l2="0.5" ignored: L2 weight decay must be between 0 and 0.1.',
      'URL parameter shift="2.5" ignored: Random shift (pixels) must be a whole number.',
      'URL parameter erase="2" ignored: Random erasing probability must be between 0 and 1.',
      'URL parameter flip="maybe" ignored: use 1 or 0.',
    ]);
  });

  it('a schedule is a known name; anything else is named and ignored', () => {
    for (const schedule of SCHEDULES) {
      const spec = { ...SIMPLE_CNN, schedule };
      const query = serializeUrlState(DEFAULT_RUN_CONFIG, spec);
      expect(query.includes('schedule=')).toBe(schedule !== SIMPLE_CNN.schedule);
      expect(parseUrlState(query)).toEqual({ config: DEFAULT_RUN_CONFIG, spec, view: NO_VIEW, problems: [] });
    }
    const { spec, problems } = parseUrlState('?schedule=exponential&lr=0.003');
    expect(spec).toEqual({ ...SIMPLE_CNN, learningRate: 0.003 });
    expect(problems).toEqual(['URL parameter schedule="exponential" ignored: use one of constant, step, cosine, oneCycle.']);
  });

  it('keeps the good parameters next to bad ones', () => {
    const { spec, problems } = parseUrlState('?preset=dropout&lr=abc&optimizer=rmsprop');
    expect(spec).toEqual({ ...presetById('dropout').spec, optimizer: 'rmsprop' });
    expect(problems).toEqual(['URL parameter lr="abc" ignored: Learning rate must be a number.']);
  });

  it('layers that do not parse, or describe an impossible network', () => {
    const cases: [string, RegExp][] = [
      ['conv32k3_pool2_dense10-softmax', /layer 2 "pool2" is not understood/],
      ['', /it is empty/],
      ['conv0k3_flat_dense10-softmax', /Layer 1 \(conv2d_1\): A convolution needs at least 1 filter\./],
      ['conv8k3_drop1_flat_dense10-softmax', /Layer 2 \(dropout_2\): Dropout rate must be below 1/],
      ['max2_max2_max2_max2_max2_flat_dense10-softmax', /Layer 5 \(maxPool2d_5\): The 1×1 input is smaller than the 2×2 pooling window/],
      ['conv8k3_dense10-softmax', /Dense needs a flat input/],
      ['conv8k3_flat_dense12', /last layer must be Dense with 10 units and softmax/],
    ];
    for (const [layers, message] of cases) {
      const { spec, problems } = parseUrlState(`?preset=vgg&layers=${encodeURIComponent(layers)}`);
      expect(spec).toEqual(presetById('vgg').spec);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^URL parameter layers=".*" ignored: /);
      expect(problems[0]).toMatch(message);
    }
  });

  it('bad early-stopping settings', () => {
    const { config, problems } = parseUrlState('?earlyStopping=sometimes&patience=0&restoreBestWeights=perhaps');
    expect(config).toEqual(DEFAULT_RUN_CONFIG);
    // In the parameter table's order (RunConfig's fields).
    expect(problems).toEqual([
      'URL parameter earlyStopping="sometimes" ignored: use one of off, val_loss, val_accuracy, loss, accuracy.',
      'URL parameter patience="0" ignored: Patience (epochs) must be between 1 and 50.',
      'URL parameter restoreBestWeights="perhaps" ignored: use 1 or 0.',
    ]);
  });

  it('never throws on random garbage', () => {
    const rng = createRng(5);
    const alphabet = 'convmaxdensedropflatbngap0123456789._-=&?%sameksX';
    const keys = ['layers', 'preset', 'lr', 'l2', 'shift', 'flip', 'erase', 'optimizer', 'epochs', 'earlyStopping', 'patience'];
    for (let i = 0; i < 500; i++) {
      const junk = Array.from({ length: Math.floor(rng() * 40) }, () => alphabet[Math.floor(rng() * alphabet.length)]).join('');
      const parsed = parseUrlState(`?${keys[i % keys.length]}=${junk}`);
      expect(analyzeModel(parsed.spec).valid).toBe(true);
    }
  });

  it('decodes layer tokens with all defaults spelled out', () => {
    expect(decodeLayers('conv8k3s1valid-relu_max2s2valid_flat_dense10-softmax')).toEqual({
      layers: [
        { type: 'conv2d', filters: 8, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
        { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
        { type: 'flatten' },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
    });
  });
});

describe('settings that cannot work together', () => {
  it('early stopping on a validation metric without validation examples', () => {
    expect(runConfigProblems({ ...DEFAULT_RUN_CONFIG, earlyStopping: 'val_loss', validationSplit: 0 })[0]).toMatch(/needs validation examples/);
    expect(runConfigProblems({ ...DEFAULT_RUN_CONFIG, earlyStopping: 'loss', validationSplit: 0 })).toEqual([]);
    expect(runConfigProblems({ ...DEFAULT_RUN_CONFIG, earlyStopping: 'val_loss' })).toEqual([]);
  });
});
