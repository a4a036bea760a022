import { describe, expect, it } from 'vitest';
import { presetById } from '../model/presets';
import { downsampleCurve, MODEL_FORMAT_VERSION, ModelFileError, parseModelMetadata, withEpochs, type BatchPoint } from './metadata';
import { sampleMetadata } from './testFixtures';

describe('model metadata', () => {
  it('round-trips through JSON unchanged', () => {
    const metadata = sampleMetadata({ spec: presetById('modern').spec });
    expect(parseModelMetadata(JSON.parse(JSON.stringify(metadata)))).toEqual(metadata);
  });

  it('accepts every source and a missing test accuracy', () => {
    for (const source of ['pretrained', 'trained', 'imported'] as const) {
      expect(parseModelMetadata(sampleMetadata({ source, testAccuracy: null })).source).toBe(source);
    }
  });

  it('refuses a file from a newer format version, saying so', () => {
    const newer = { ...sampleMetadata(), formatVersion: MODEL_FORMAT_VERSION + 1, someNewField: [] };
    expect(() => parseModelMetadata(newer)).toThrow(ModelFileError);
    expect(() => parseModelMetadata(newer)).toThrow(/newer version of the app \(format 2; this page reads format 1\)/);
  });

  it('refuses something that is not our metadata', () => {
    expect(() => parseModelMetadata([1, 2])).toThrow(/not a JSON object/);
    expect(() => parseModelMetadata({ name: 'x' })).toThrow(/no valid format version/);
  });

  it('names the fields at fault', () => {
    const bad = { ...sampleMetadata(), name: ' ', testAccuracy: { accuracy: 1.5, count: 10 } };
    expect(() => parseModelMetadata(bad)).toThrow(/name: The model needs a name.*testAccuracy\.accuracy/);
    const badLayer = sampleMetadata();
    const withBadLayer = { ...badLayer, spec: { ...badLayer.spec, layers: [{ type: 'lstm' }] } };
    expect(() => parseModelMetadata(withBadLayer)).toThrow(/spec\.layers\.0/);
  });
});

describe('downsampleCurve', () => {
  const curve: BatchPoint[] = Array.from({ length: 1000 }, (_, i) => ({ step: i + 1, epoch: Math.floor(i / 100), loss: 1 / (i + 1), accuracy: i / 1000 }));

  it('keeps at most maxPoints, evenly spaced, first and last included', () => {
    const small = downsampleCurve(curve, 101);
    expect(small).toHaveLength(101);
    expect(small[0]).toEqual(curve[0]);
    expect(small.at(-1)).toEqual(curve.at(-1));
    expect(small[50].step).toBe(501);
  });

  it('leaves short curves alone', () => {
    expect(downsampleCurve(curve.slice(0, 10), 100)).toEqual(curve.slice(0, 10));
  });
});

describe('batch points of files made before points carried their epoch', () => {
  it('get their epoch back from the step when parsed; points with one keep it', () => {
    const old = sampleMetadata();
    const json = JSON.parse(JSON.stringify({ ...old, history: { epochs: old.history.epochs, batches: [{ step: 1, loss: 2, accuracy: 0.1 }, { step: 30, loss: 1, accuracy: 0.5 }, { step: 60, loss: 0.5, accuracy: 0.8 }] } }));
    expect(parseModelMetadata(json).history.batches?.map((b) => b.epoch)).toEqual([0, 0, 1]);
    expect(withEpochs([{ step: 5, epoch: 3, loss: 1, accuracy: 0.5 }], 1)).toEqual([{ step: 5, epoch: 3, loss: 1, accuracy: 0.5 }]);
  });
});
