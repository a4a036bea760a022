import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestEngine, TINY_CNN, TINY_CONFIG, tinyServer, untilReady, type EngineProbe } from '../test-support/engineHarness';
import { PROTOCOL_VERSION } from '../protocol/messages';

let open: { connection: { close(): void } }[] = [];
afterEach(() => {
  open.forEach((e) => e.connection.close());
  open = [];
});

function start(...args: Parameters<typeof startTestEngine>) {
  const engine = startTestEngine(...args);
  open.push(engine);
  return engine;
}

const runEnd = (probe: EngineProbe, from: number) => probe.next('runEnded', () => true, from);

describe('the engine, driven through its protocol', () => {
  it('starts the backend, streams the data (sheets go to the page) and builds a model', async () => {
    const { probe } = start();
    await untilReady(probe);
    expect(probe.of('ready')[0]).toMatchObject({ version: PROTOCOL_VERSION, thread: 'page' });
    expect(probe.of('backend').at(-1)?.backend).toMatchObject({ status: 'ready', active: 'cpu' });
    const sheets = probe.of('sheet');
    expect(sheets.map((s) => `${s.split}${s.sheet}`).sort()).toEqual(['test0', 'train0', 'train1']);
    expect(sheets.find((s) => s.split === 'train' && s.sheet === 1)?.pixels.length).toBe(60 * 784);
    const model = probe.of('model').at(-1)!.model;
    expect(model.layers.map((l) => l.className)).toEqual(['Conv2D', 'MaxPooling2D', 'Flatten', 'Dense']);
    expect(model.layers.map((l) => l.trainable)).toEqual([true, false, false, true]);
    expect(model.params).toBe(model.layers.reduce((sum, l) => sum + l.params, 0));
  });

  it('trains, evaluates after every epoch and on the test images, reports the run, and owns its tensors', async () => {
    const { connection, probe } = start();
    await untilReady(probe);
    const tensorsAfterRun: number[] = [];
    const curves: { batches: number[]; epochs: number[] }[] = [];
    for (let run = 0; run < 2; run++) {
      const from = probe.mark();
      connection.send({ type: 'train' });
      const ended = await runEnd(probe, from);
      const events = probe.events.slice(from);
      // 72 training examples / batch 16 = 5 batches per epoch, 2 epochs.
      const batches = events.flatMap((e) => (e.type === 'progress' ? e.batches : []));
      expect(batches.map((b) => b.step)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2);
      const perEpoch = events.filter((e) => e.type === 'epochEvaluation');
      expect(perEpoch.map((e) => e.type === 'epochEvaluation' && e.evaluation.epoch)).toEqual([0, 1]);
      const final = events.find((e) => e.type === 'testEvaluation');
      expect(final?.type === 'testEvaluation' && final.evaluation?.probabilities.length).toBe(40 * 10);
      expect(ended.run).toMatchObject({ id: run + 1, status: 'done', backend: 'cpu', endedAt: { epoch: 1, batch: 5, batchesInEpoch: 5 } });
      expect(ended.run.test?.count).toBe(40);
      expect(probe.of('model').at(-1)?.model.batchesTrained).toBe(10);
      tensorsAfterRun.push(tf.memory().numTensors);
      curves.push({ batches: batches.map((b) => b.loss), epochs: events.flatMap((e) => (e.type === 'epoch' ? [e.epoch.loss, e.epoch.valLoss ?? NaN] : [])) });
    }
    // Same seed, same settings: the same curves, batch for batch (every epoch trains on all its images).
    expect(curves[1]).toEqual(curves[0]);
    expect(new Set(curves[0].batches).size).toBeGreaterThan(1);
    // Each run replaces the model and its optimizer: nothing accumulates from one run to the next.
    expect(tensorsAfterRun[1]).toBe(tensorsAfterRun[0]);
  });

  it('epoch 1 is a full epoch even when Train comes while the images still stream in, so runs compare', async () => {
    // autostart: the run starts the moment the engine allows it, as early as a person could press Train.
    const { probe } = start({ config: { autostart: true } });
    const ended = await runEnd(probe, 0);
    const epochs = probe.of('epoch').map((e) => [e.epoch.trainExamples, e.epoch.plannedTrainExamples]);
    expect(epochs).toEqual([
      [72, 72],
      [72, 72],
    ]);
    expect(ended.run.status).toBe('done');
  });

  it('steps one batch at a time while paused, and Stop still tests the model so far', async () => {
    const { connection, probe } = start();
    await untilReady(probe);
    const from = probe.mark();
    const trained = () => probe.events.slice(from).flatMap((e) => (e.type === 'progress' ? e.batches : [])).length;
    connection.send({ type: 'step' });
    // The loop reports its batches before it waits for the next step.
    await probe.next('progress', (e) => e.progress.waiting === true && trained() === 1, from);
    connection.send({ type: 'step' });
    await probe.next('progress', (e) => e.progress.waiting === true && trained() === 2, from);
    expect(trained()).toBe(2);
    connection.send({ type: 'stop' });
    const ended = await runEnd(probe, from);
    expect(ended.run.status).toBe('stopped');
    expect(ended.run.test).toMatchObject({ partial: true, count: 40 });
    expect(ended.run.endedAt).toMatchObject({ epoch: 0, batch: 2 });
  });

  it('resets to an untrained model without recording the run or testing it', async () => {
    const { connection, probe } = start({ config: { epochs: 20 } });
    await untilReady(probe);
    const from = probe.mark();
    connection.send({ type: 'train' });
    await probe.next('progress', (e) => e.batches.length > 0, from);
    connection.send({ type: 'reset' });
    const reset = await probe.next('reset', () => true, from);
    expect(reset.progress.status).toBe('idle');
    expect(probe.events.slice(from).some((e) => e.type === 'runEnded' || (e.type === 'testEvaluation' && e.evaluation))).toBe(false);
    expect(probe.of('model').at(-1)?.model).toMatchObject({ ready: true, batchesTrained: 0 });
  });

  it('keeps a trained model when settings change after the run; the next run starts fresh', async () => {
    const { connection, probe } = start();
    await untilReady(probe);
    let from = probe.mark();
    connection.send({ type: 'train' });
    await runEnd(probe, from);
    const trained = probe.of('model').at(-1)!.model;
    connection.send({ type: 'setModelSpec', spec: { ...TINY_CNN, learningRate: 0.01 } });
    connection.send({ type: 'setConfig', config: { ...TINY_CONFIG, epochs: 1 } });
    const pixels = probe.of('sheet').find((s) => s.split === 'test')!.pixels.slice(0, 784);
    const probabilities = await connection.request({ kind: 'predict', pixels });
    expect(probe.of('model').at(-1)!.model).toEqual(trained);
    expect(trained).toMatchObject({ source: 'trained', name: 'Custom', test: { count: 40 } });
    expect(probabilities).toHaveLength(10);
    expect([...probabilities].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    from = probe.mark();
    connection.send({ type: 'train' });
    await probe.next('model', (e) => e.model.revision > trained.revision && e.model.batchesTrained === 0, from);
    await runEnd(probe, from);
  });

  it('feeds a model trained on raw 0–255 pixels raw pixels: in predictions, the internals and after export and import', async () => {
    const { connection, probe } = start();
    await untilReady(probe);
    connection.send({ type: 'setModelSpec', spec: { ...TINY_CNN, inputScaling: 'raw255' } });
    const from = probe.mark();
    connection.send({ type: 'train' });
    await runEnd(probe, from);
    expect(probe.of('model').at(-1)!.model.spec?.inputScaling).toBe('raw255');
    const pixels = probe.of('sheet').find((s) => s.split === 'test')!.pixels.slice(0, 784);
    // The form moving back to 0–1 changes the next run, not how the trained model is fed.
    connection.send({ type: 'setModelSpec', spec: TINY_CNN });
    const predicted = await connection.request({ kind: 'predict', pixels: pixels.slice() });
    const inspected = await connection.request({ kind: 'inspect', request: { pixels: pixels.slice(), attentionClass: null, attentionMethod: 'saliency', filterLayers: [] } });
    expect([...inspected.snapshot.activations.layers.at(-1)!.values].map((v) => v.toFixed(4))).toEqual([...predicted].map((v) => v.toFixed(4)));
    // The run's test evaluation (the one evaluation path) scored test image 0 the same way.
    const tested = probe.of('testEvaluation').at(-1)!.evaluation!;
    expect([...tested.probabilities.subarray(0, 10)].map((v) => v.toFixed(4))).toEqual([...predicted].map((v) => v.toFixed(4)));
    const exported = await connection.request({ kind: 'exportModel' });
    await connection.request({ kind: 'importModel', bytes: exported.bytes, fileName: exported.fileName });
    await probe.next('model', (e) => e.model.source === 'imported');
    expect(probe.of('model').at(-1)!.model.spec?.inputScaling).toBe('raw255');
    const afterImport = await connection.request({ kind: 'predict', pixels: pixels.slice() });
    expect([...afterImport].map((v) => v.toFixed(4))).toEqual([...predicted].map((v) => v.toFixed(4)));
  });

  it('answers predict and inspect requests, and refuses a malformed image with a message', async () => {
    const { connection, probe } = start();
    await untilReady(probe);
    const pixels = probe.of('sheet').find((s) => s.split === 'test')!.pixels.slice(784, 2 * 784);
    const inspected = await connection.request({ kind: 'inspect', request: { pixels, attentionClass: null, attentionMethod: 'grad-cam', filterLayers: ['conv2d_1'] } });
    expect(inspected.snapshot.activations.layers.length).toBeGreaterThan(3);
    expect(inspected.snapshot.filters).toHaveLength(1);
    expect(inspected.modelRevision).toBe(probe.of('model').at(-1)!.model.revision);
    await expect(connection.request({ kind: 'inspect', request: { pixels: new Uint8Array(5), attentionClass: null, attentionMethod: 'grad-cam', filterLayers: [] } })).rejects.toThrow(/784/);
  });

  it('reports a data failure with the file that failed, and Retry continues from there', async () => {
    const server = tinyServer();
    server.overrides.set('train-1.png', new Response('gone', { status: 500 }));
    const { connection, probe } = start({ server });
    const failed = await probe.next('data', (e) => e.data.status === 'error');
    expect(failed.data.error?.file).toBe('train-1.png');
    server.overrides.clear();
    const from = probe.mark();
    connection.send({ type: 'loadData' });
    await probe.next('data', (e) => e.data.status === 'ready', from);
    expect(server.requested.filter((f) => f === 'train-0.png')).toHaveLength(1);
  });

  it('a diverging run pauses itself and says why; the weights from before the run can be restored', async () => {
    const { connection, probe } = start({ config: { epochs: 30, trainSize: 96, validationSplit: 0 }, spec: { ...TINY_CNN, optimizer: 'sgd', learningRate: 10 } });
    await untilReady(probe);
    const pixels = probe.of('sheet').find((s) => s.split === 'test')!.pixels.slice(0, 784);
    const before = await connection.request({ kind: 'predict', pixels: pixels.slice() });
    const from = probe.mark();
    connection.send({ type: 'train' });
    const paused = await probe.next('progress', (e) => e.progress.divergence !== null, from);
    expect(paused.progress.status).toBe('paused');
    expect(paused.progress.divergence?.message).toMatch(/learning rate is (probably )?too high/);
    await connection.request({ kind: 'restoreStartWeights' });
    const after = await connection.request({ kind: 'predict', pixels: pixels.slice() });
    expect([...after]).toEqual([...before]);
    connection.send({ type: 'reset' });
    await probe.next('reset', () => true, from);
  });

  it('refuses to train a network far too big for the backend, with the numbers', async () => {
    const huge = { ...TINY_CNN, layers: [{ type: 'flatten' as const }, ...[8192, 8192, 8192, 8192].map((units) => ({ type: 'dense' as const, units, activation: 'relu' as const })), { type: 'dense' as const, units: 10, activation: 'softmax' as const }] };
    const { connection, probe } = start();
    await untilReady(probe);
    const from = probe.mark();
    connection.send({ type: 'setModelSpec', spec: huge });
    const refused = await probe.next('model', (e) => e.model.error !== null, from);
    expect(refused.model.ready).toBe(false);
    expect(refused.model.error).toMatch(/GB/);
  });

  it('refuses a page that speaks another protocol version', async () => {
    const { connection, probe } = start();
    await untilReady(probe);
    connection.send({ type: 'init', version: PROTOCOL_VERSION + 1, setup: undefined as never });
    const failure = await probe.next('failure');
    expect(failure.message).toMatch(/protocol/);
  });
});

describe('a lost GPU context', () => {
  it('ends the run with a message, restarts the backend, offers the last checkpoint, and leaves every control working', async () => {
    const { IDBFactory } = await import('fake-indexeddb');
    const { ModelStorage } = await import('../platform/modelStorage');
    let lose: ((reason: string) => void) | null = null;
    let resets = 0;
    const factory = new IDBFactory();
    const { connection, probe } = start({
      config: { epochs: 4 },
      openStorage: () => ModelStorage.open(factory),
      backendPlatform: {
        watchDeviceLoss: (onLost) => {
          lose = onLost;
          return () => (lose = null);
        },
        resetBackend: () => void resets++,
      },
    });
    await untilReady(probe);
    const from = probe.mark();
    connection.send({ type: 'train' });
    // After the first epoch's checkpoint, the context goes.
    await probe.next('epochEvaluation', () => true, from);
    await probe.next('progress', (e) => e.progress.epoch === 1 && e.batches.length > 0, from);
    lose!('CONTEXT_LOST_WEBGL');
    const failure = await probe.next('failure', (e) => /GPU context was lost/.test(e.message), from);
    expect(failure.message).toMatch(/checkpoint after epoch 1 is kept/);
    const offered = await probe.next('interruptedRun', (e) => e.run !== null, from);
    expect(offered.run).toMatchObject({ epochsCompleted: 1, epochs: 4 });
    expect(resets).toBe(1);
    await probe.next('model', (e) => e.model.ready, from);
    // The abandoned run says nothing more, and the engine is not wedged: resume runs to the end.
    const resumed = probe.mark();
    await connection.request({ kind: 'interruptedRun', action: 'resume' });
    const ended = await probe.next('runEnded', () => true, resumed);
    expect(ended.run.status).toBe('done');
    expect(probe.events.slice(from, resumed).some((e) => e.type === 'runEnded')).toBe(false);
  });
});
