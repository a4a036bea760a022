import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRealSubset } from '../../test-support/realData';
import { buildModel, createOptimizer } from '../model/build';
import { SIMPLE_CNN, type ModelSpec, type OptimizerName } from '../model/spec';
import { TrainingControl } from './control';
import { DEFAULT_DIVERGENCE, DivergenceMonitor } from './divergence';
import { WeightSnapshot } from './earlyStopping';
import { trainModel, type DivergenceEvent } from './trainer';

describe('DivergenceMonitor (pure)', () => {
  it('a NaN or infinite loss fires at once, then stays quiet for a few batches', () => {
    const monitor = new DivergenceMonitor();
    expect(monitor.update(2.3)).toBeNull();
    const info = monitor.update(NaN)!;
    expect(info).toMatchObject({ reason: 'not-finite', batchesSeen: 2 });
    expect(info.message).toMatch(/^The loss became NaN at batch 2: .* learning rate is too high for this optimizer/);
    const again = Array.from({ length: DEFAULT_DIVERGENCE.patience }, () => monitor.update(Infinity));
    expect(again.slice(0, -1).every((x) => x === null)).toBe(true);
    expect(again.at(-1)?.reason).toBe('not-finite');
  });

  it('a loss that climbs above 3× its start fires after several smoothed batches, not at the first spike', () => {
    const monitor = new DivergenceMonitor();
    const losses = [2.3, 2.1, 30, 2.0, 1.9, 9, 12, 14, 14, 14, 14, 14, 14];
    const fired = losses.map((loss) => monitor.update(loss));
    expect(fired.slice(0, 8).every((x) => x === null)).toBe(true);
    const first = fired.findIndex((x) => x !== null);
    expect(first).toBeGreaterThan(8);
    expect(fired[first]!.reason).toBe('exploding');
    expect(fired[first]!.referenceLoss).toBeCloseTo(Math.log(10)); // the first loss 2.3 is just below chance level
    expect(fired[first]!.message).toMatch(/^The loss has stayed above 6\.91 \(3× 2\.30\) for 5 batches, now 1[0-9]\.\d\d: training is diverging\./);
  });

  it('a spike followed by guessing at chance level is a collapse (SGD with a far too high rate)', () => {
    const monitor = new DivergenceMonitor();
    const losses = [2.35, 2.3, 14.1, 3.1, ...Array.from({ length: 40 }, (_, i) => 2.3 + 0.03 * Math.sin(i))];
    const fired = losses.map((l) => monitor.update(l)).findIndex((e) => e !== null);
    // Not at the spike itself: only once the guessing has lasted.
    expect(fired).toBeGreaterThan(10);
    const again = new DivergenceMonitor();
    const event = losses.map((l) => again.update(l)).find((e) => e !== null);
    expect(event).toMatchObject({ reason: 'collapsed' });
    expect(event?.message).toMatch(/jumped to 14\.10 at batch 3/);
  });

  it('a run that had learned and falls back to chance collapsed; one that keeps learning never fires', () => {
    const collapsing = new DivergenceMonitor();
    const learned = Array.from({ length: 60 }, (_, i) => 2.3 * Math.exp(-i / 15) + 0.4);
    const events = [...learned, ...Array.from({ length: 30 }, () => 2.31)].map((l) => collapsing.update(l));
    expect(events.find((e) => e !== null)).toMatchObject({ reason: 'collapsed' });
    const healthy = new DivergenceMonitor();
    expect(learned.map((l) => healthy.update(l)).every((e) => e === null)).toBe(true);
  });

  it('from trained weights the reference is chance level, so ordinary noise does not fire', () => {
    const monitor = new DivergenceMonitor();
    const noisy = Array.from({ length: 200 }, (_, i) => 0.3 + 0.5 * Math.abs(Math.sin(i * 1.7)));
    expect(noisy.map((l) => monitor.update(l)).every((x) => x === null)).toBe(true);
  });
});

/** The small CNN of trainer.test.ts: the CPU backend in Node is too slow for the default one. */
const SMALL_CNN: ModelSpec = {
  ...SIMPLE_CNN,
  layers: [
    { type: 'conv2d', filters: 8, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
    { type: 'conv2d', filters: 8, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
    { type: 'flatten' },
    { type: 'dense', units: 32, activation: 'relu' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};

describe('divergence in real training runs (CPU backend, real images)', () => {
  const real = loadRealSubset('train', 320);
  const source = { images: real.images, labels: real.labels, available: () => 320 };

  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  async function run(optimizerName: OptimizerName, learningRate: number, divergence = DEFAULT_DIVERGENCE) {
    const model = buildModel(SMALL_CNN, { seed: 3 });
    const optimizer = createOptimizer(optimizerName, learningRate);
    const control = new TrainingControl();
    const startWeights = new WeightSnapshot();
    const events: DivergenceEvent[] = [];
    const losses: number[] = [];
    const abort = new AbortController();
    const result = await trainModel(
      model,
      optimizer,
      source,
      { epochs: 2, batchSize: 32, validationSplit: 0, trainSize: 320, seed: 1, divergence },
      {
        onBatch: (e) => losses.push(e.loss),
        onDivergence: (e) => events.push(e),
        // A real user would read the explanation; here: stop once the loop has paused itself.
        onWaiting: () => abort.abort(),
      },
      { control, signal: abort.signal, startWeights },
    );
    const dispose = () => (startWeights.dispose(), model.dispose(), optimizer.dispose());
    return { model, startWeights, events, losses, result, control, dispose };
  }

  it('Adam at 0.001 never triggers it', async () => {
    const { events, losses, result, dispose } = await run('adam', 0.001);
    expect(events).toEqual([]);
    expect(result.stopped).toBe(false);
    expect(losses).toHaveLength(20);
    // Far below the threshold all along (3× chance level ≈ 6.9).
    expect(Math.max(...losses)).toBeLessThan(DEFAULT_DIVERGENCE.chanceLoss * 1.5);
    dispose();
  }, 600_000);

  it('when it fires, the loop pauses itself and the weights from before the run can be restored', async () => {
    const tensorsBefore = tf.memory().numTensors;
    // A threshold every real loss exceeds (0.1× chance level), so the wiring is tested on real training.
    // (Adam, not momentum SGD: tfjs's MomentumOptimizer.dispose leaves one scalar behind.)
    const { model, startWeights, events, losses, result, control, dispose } = await run('adam', 0.001, { ...DEFAULT_DIVERGENCE, factor: 0.1 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ reason: 'exploding', paused: true, epoch: 0, batch: DEFAULT_DIVERGENCE.patience - 1 });
    expect(control.paused).toBe(true);
    // At most the batch already queued ran after the one that fired.
    expect(losses.length).toBeLessThanOrEqual(DEFAULT_DIVERGENCE.patience + 1);
    expect(result.stopped).toBe(true);

    const fresh = buildModel(SMALL_CNN, { seed: 3 });
    startWeights.restore(model);
    const same = model.getWeights().every((w, i) => tf.tidy(() => tf.equal(w, fresh.getWeights()[i]).all().dataSync()[0] === 1));
    expect(same).toBe(true);
    fresh.dispose();
    dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  }, 600_000);
});
