/**
 * A backend start takes a while (WASM binaries, a GPU context); a model loaded meanwhile would
 * meet a backend TensorFlow.js has not initialised. whenSettled is the wait, and loading a
 * model (import, saved, pretrained) goes through it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { activateBackend, type BackendStatus } from '../ml/backends/activateBackend';
import type { BackendChoice } from '../ml/config/runConfig';
import { exportModelZip } from '../ml/models/modelZip';
import { sampleMetadata, tinyModel } from '../ml/models/testFixtures';
import type { EngineEvent } from '../protocol/messages';
import { startTestEngine, TINY_CNN } from '../test-support/engineHarness';
import { ShaderWarmup } from './shaderWarmup';
import { BackendLifecycle } from './backendLifecycle';
import type { ModelSlot } from './modelSlot';
import type { EngineShared, ReportedBackend } from './shared';

vi.mock('../ml/backends/activateBackend', async (importOriginal) => {
  const real = await importOriginal<typeof import('../ml/backends/activateBackend')>();
  return { ...real, activateBackend: vi.fn(real.activateBackend) };
});
const realActivate = (await vi.importActual<typeof import('../ml/backends/activateBackend')>('../ml/backends/activateBackend')).activateBackend;

afterEach(() => {
  vi.mocked(activateBackend).mockReset();
  vi.mocked(activateBackend).mockImplementation(realActivate);
});

/** The next backend starts wait until the test opens them (or fail them), one gate each. */
function gatedStarts() {
  const gates: { open: () => void; fail: (message: string) => void; choice: BackendChoice }[] = [];
  vi.mocked(activateBackend).mockImplementation(
    (choice, platform) =>
      new Promise<BackendStatus>((resolve, reject) => {
        gates.push({ choice, open: () => resolve(realActivate('cpu', platform).then((status) => ({ ...status, requested: choice }))), fail: (message) => reject(new Error(message)) });
      }),
  );
  return gates;
}

/** Lets every promise reaction queued so far run: nothing here settles by time. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

function lifecycle() {
  const events: EngineEvent[] = [];
  const shared = {
    deps: { backendPlatform: {}, readGpuInfo: () => null },
    emit: (event: EngineEvent) => events.push(event),
    settings: { spec: TINY_CNN },
    warmup: new ShaderWarmup(),
  } as unknown as EngineShared;
  const onReady = vi.fn();
  return { backend: new BackendLifecycle(shared, {} as ModelSlot, onReady, () => undefined), events, onReady };
}

/** Records when a promise settles, so a test can say it has not yet. */
function watch<T>(promise: Promise<T>) {
  const seen: { value?: T; error?: Error; done: boolean } = { done: false };
  promise.then(
    (value) => Object.assign(seen, { value, done: true }),
    (error: Error) => Object.assign(seen, { error, done: true }),
  );
  return seen;
}

describe('BackendLifecycle.whenSettled', () => {
  it('answers at once when no start was ever asked for', async () => {
    const { backend } = lifecycle();
    await expect(backend.whenSettled()).resolves.toBeNull();
  });

  it('waits for the start in progress and gives the backend as it ended: ready', async () => {
    const gates = gatedStarts();
    const { backend, onReady } = lifecycle();
    void backend.start('wasm');
    const settled = watch(backend.whenSettled());
    await settle();
    expect(settled.done).toBe(false);
    expect(backend.state?.status).toBe('starting');
    gates[0].open();
    await vi.waitUntil(() => settled.done, { timeout: 60_000 });
    expect(settled.value).toMatchObject<Partial<ReportedBackend>>({ status: 'ready', requested: 'wasm', active: 'cpu' });
    expect(onReady).toHaveBeenCalledTimes(1);
  });

  it('waits for a start asked for while it was waiting (a backend switch during the first start)', async () => {
    const gates = gatedStarts();
    const { backend } = lifecycle();
    void backend.start('wasm');
    const settled = watch(backend.whenSettled());
    void backend.start('webgl');
    gates[0].open();
    await settle();
    expect(settled.done).toBe(false);
    gates[1].open();
    await vi.waitUntil(() => settled.done, { timeout: 60_000 });
    expect(settled.value).toMatchObject({ status: 'ready', requested: 'webgl' });
  });

  it('gives a failed start as it ended, with its error', async () => {
    const gates = gatedStarts();
    const { backend, onReady } = lifecycle();
    void backend.start('webgpu');
    const settled = watch(backend.whenSettled());
    gates[0].fail('No TensorFlow.js backend could start (test).');
    await vi.waitUntil(() => settled.done, { timeout: 60_000 });
    expect(settled.value).toMatchObject({ status: 'error', error: 'No TensorFlow.js backend could start (test).' });
    expect(onReady).not.toHaveBeenCalled();
  });
});

describe('loading a model while the backend starts', () => {
  async function modelFile() {
    await tf.setBackend('cpu');
    const model = tinyModel();
    const bytes = await exportModelZip(model, sampleMetadata({ name: 'Dropped at page load' }));
    model.dispose();
    return bytes;
  }

  it('an imported file waits for the backend, then becomes the active model', async () => {
    const bytes = await modelFile();
    const gates = gatedStarts();
    const { connection, probe } = startTestEngine();
    await probe.next('backend', (e) => e.backend.status === 'starting');
    const answer = watch(connection.request({ kind: 'importModel', bytes, fileName: 'dropped.zip' }));
    await settle();
    expect(answer.done).toBe(false);
    gates[0].open();
    await vi.waitUntil(() => answer.done, { timeout: 120_000 }).catch(() => {
      throw new Error('the import was not answered after the backend started');
    });
    expect(answer.error).toBeUndefined();
    const imported = await probe.next('model', (e) => e.model.source === 'imported');
    const ready = probe.events.findIndex((e) => e.type === 'backend' && e.backend.status === 'ready');
    expect(ready).toBeGreaterThanOrEqual(0);
    expect(probe.events.indexOf(imported)).toBeGreaterThan(ready);
    expect(imported.model.name).toBe('Dropped at page load');
  });

  it('says clearly that the backend is not running when its start failed', async () => {
    const bytes = await modelFile();
    const gates = gatedStarts();
    const { connection, probe } = startTestEngine();
    await probe.next('backend', (e) => e.backend.status === 'starting');
    const answer = connection.request({ kind: 'importModel', bytes, fileName: 'dropped.zip' });
    gates[0].fail('No TensorFlow.js backend could start (test).');
    await expect(answer).rejects.toThrow('The compute backend is not running (No TensorFlow.js backend could start (test).): choose another one in the backend menu, then try again.');
    await expect(connection.request({ kind: 'useModel', which: 'pretrained' })).rejects.toThrow(/compute backend is not running/);
  });
});
