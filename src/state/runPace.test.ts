import { describe, expect, it } from 'vitest';
import type { TrainingState } from '../protocol/engineState';
import { idleTraining } from './appState';
import { RunPace } from './runPace';

/** A deterministic generator, so the simulated machine's noise is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const config = { batchSize: 64, trainSize: 60000, validationSplit: 0.1, testSize: 10000, epochs: 5 };
const BATCHES = Math.ceil(54000 / 64);

interface Observation {
  readonly time: number;
  readonly fraction: number;
  readonly eta: number | null;
}

/**
 * A default run (5 epochs of 844 batches) on a noisy machine, with the page's view of it: a
 * progress event every 250 ms. Batches take 45 ms ± 40% (the machine is shared), the first one
 * 3 s (kernels compile), each epoch boundary 4 s, the test 6 s, and the run is paused for 20 s
 * in epoch 2. Returns every observation and the time the run really ended.
 */
function simulate(): { observations: Observation[]; end: number; pauses: [number, number][] } {
  const pauses: [number, number][] = [];
  const random = rng(42);
  const events: { time: number; training: TrainingState }[] = [];
  let time = 0;
  let training: TrainingState = { ...idleTraining(5), status: 'training', epochs: 5 };
  const batches: TrainingState['batches'][number][] = [];
  let nextPublish = 0.25;
  const publish = (patch: Partial<TrainingState> = {}) => {
    training = { ...training, ...patch, batches: [...batches] };
    events.push({ time, training });
  };
  publish();
  const total = 5 * BATCHES;
  for (let epoch = 0; epoch < 5; epoch++) {
    for (let b = 0; b < BATCHES; b++) {
      const step = batches.length + 1;
      time += step === 1 ? 3 : 0.045 * (0.6 + 0.8 * random());
      batches.push({ step, epoch, loss: 1, accuracy: 0.5 });
      if (epoch === 1 && b === 400) {
        publish({ status: 'paused', waiting: true, epoch, batch: b + 1, batchesInEpoch: BATCHES });
        pauses.push([time, time + 20]);
        time += 20;
        publish({ status: 'training', waiting: false });
        nextPublish = time + 0.25;
      }
      if (time >= nextPublish) {
        publish({ status: 'training', epoch, batch: b + 1, batchesInEpoch: BATCHES });
        nextPublish = time + 0.25;
      }
    }
    publish({ status: 'validating', epoch, batch: BATCHES, batchesInEpoch: BATCHES });
    for (let i = 0; i < 16; i++) {
      time += 0.25;
      publish();
    }
    if (epoch < 4) publish({ status: 'training', epoch: epoch + 1, batch: 0 });
  }
  publish({ status: 'evaluating', evaluationProgress: 0 });
  for (let i = 1; i <= 24; i++) {
    time += 0.25;
    publish({ evaluationProgress: i / 24 });
  }
  const end = time;
  publish({ status: 'done' });
  const pace = new RunPace();
  const observations = events.map(({ time: t, training: tr }) => ({ time: t, fraction: tr.batches.length / total, eta: pace.observe(tr, config, t).etaSeconds }));
  return { observations, end, pauses };
}

describe('the ETA from the measured pace', () => {
  const { observations, end, pauses } = simulate();
  const at = (fraction: number) => observations.find((o) => o.fraction >= fraction && o.eta !== null)!;
  // The real remaining time, less the pauses still to come (no estimate can know when a person will pause).
  const remaining = (t: number) => end - t - pauses.filter(([from]) => from >= t).reduce((sum, [from, to]) => sum + to - from, 0);
  const error = (o: Observation) => (o.eta! - remaining(o.time)) / remaining(o.time);

  it('is within ±15% of the real remaining time from 10% of the run on (fake clock, noisy machine, a pause)', () => {
    const errors = [0.1, 0.5, 0.9].map((f) => error(at(f)));
    // Figures for the record: the error at 10, 50 and 90% of the run.
    console.log(`ETA error at 10/50/90%: ${errors.map((e) => `${(e * 100).toFixed(1)}%`).join(' / ')}`);
    for (const e of errors) expect(Math.abs(e)).toBeLessThanOrEqual(0.15);
    const late = observations.filter((o) => o.fraction >= 0.1 && o.eta !== null && remaining(o.time) > 20);
    expect(Math.max(...late.map((o) => Math.abs(error(o))))).toBeLessThanOrEqual(0.15);
  });

  it('gives an estimate within seconds of training, not "estimating…" for minutes', () => {
    const first = observations.find((o) => o.eta !== null)!;
    expect(first.time).toBeLessThan(10);
  });

  it('says nothing once the run has ended: no stale figures', () => {
    const pace = new RunPace();
    const done = { ...idleTraining(5), status: 'done' as const, batches: [{ step: 1, epoch: 0, loss: 1, accuracy: 0.5 }] };
    expect(pace.observe(done, config, 100)).toEqual({ etaSeconds: null, examplesPerSecond: null });
  });
});
