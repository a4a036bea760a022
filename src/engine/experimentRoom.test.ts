/**
 * The experiment command through the engine's protocol (CPU backend, tiny data): arms train
 * one after another and each is reported with its curves and test score; Stop ends it after
 * the arm in flight without reporting that arm; a playground run is refused meanwhile.
 */
import { describe, expect, it } from 'vitest';
import { startTestEngine, TINY_CNN, untilReady } from '../test-support/engineHarness';
import type { ExperimentPlan } from '../ml/experiments/plan';
import { DEFAULT_RUN_CONFIG } from '../ml/config/runConfig';

const armConfig = { ...DEFAULT_RUN_CONFIG, trainSize: 96, testSize: 40, epochs: 2, batchSize: 16, validationSplit: 0.25, seed: 3 };
const plan: ExperimentPlan = {
  id: 'demo',
  arms: [
    { id: 'a', label: 'A', spec: TINY_CNN, config: armConfig, shiftedTest: 2, maps: { image: 0, layers: [0] } },
    { id: 'b', label: 'B', spec: { ...TINY_CNN, learningRate: 0.01 }, config: { ...armConfig, epochs: 1 } },
  ],
};

describe('runExperiment', () => {
  it('trains every arm and reports each result, then the end', async () => {
    const { connection, probe } = startTestEngine();
    await untilReady(probe);
    connection.send({ type: 'runExperiment', plan });
    await probe.next('experiment', (e) => e.update.kind === 'ended');
    const updates = probe.of('experiment').map((e) => e.update);
    expect(updates[0]).toEqual({ kind: 'started', experimentId: 'demo', armIds: ['a', 'b'] });
    const results = updates.flatMap((u) => (u.kind === 'armEnded' ? [u.result] : []));
    expect(results.map((r) => r.armId)).toEqual(['a', 'b']);
    const [a, b] = results;
    expect(a.epochs).toHaveLength(2);
    expect(b.epochs).toHaveLength(1);
    expect(a.batchLoss).toHaveLength(2 * Math.ceil(72 / 16));
    expect(a.test?.count).toBe(40);
    expect(a.shiftedTest?.shift).toBe(2);
    expect(a.maps[0].shape).toEqual([26, 26, 4]);
    expect(a.maps[0].values).toHaveLength(26 * 26 * 4);
    expect(a.params).toBeGreaterThan(0);
    expect(updates.at(-1)).toMatchObject({ kind: 'ended', status: 'done' });
  }, 300_000);

  it('stops after the arm in flight, and refuses a playground run meanwhile', async () => {
    const { connection, probe } = startTestEngine();
    await untilReady(probe);
    const long: ExperimentPlan = { ...plan, arms: [plan.arms[0], { ...plan.arms[1], config: { ...armConfig, epochs: 50 } }] };
    connection.send({ type: 'runExperiment', plan: long });
    await probe.next('experiment', (e) => e.update.kind === 'progress' && e.update.armId === 'b');
    connection.send({ type: 'train' });
    connection.send({ type: 'stopExperiment' });
    const end = await probe.next('experiment', (e) => e.update.kind === 'ended');
    expect(end.update).toMatchObject({ status: 'stopped' });
    expect(probe.of('experiment').flatMap((e) => (e.update.kind === 'armEnded' ? [e.update.result.armId] : []))).toEqual(['a']);
    expect(probe.of('runStarted')).toHaveLength(0);
  }, 300_000);
});
