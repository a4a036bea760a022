import { NO_OFFLINE_COPY } from '../ml/data/offlineCopy';
import { describe, expect, it } from 'vitest';
import type { EngineConnection } from '../protocol/connection';
import type { EngineCommand, EngineEvent } from '../protocol/messages';
import { DEFAULT_RUN_CONFIG } from '../ml/config/runConfig';
import { SIMPLE_CNN } from '../ml/model/spec';
import { initialAppState } from './appState';
import { selectBusy, selectCanTrain } from './selectors';
import { AppStore } from './store';

/** A connection the test plays the engine's part on. */
function fakeEngine() {
  const sent: EngineCommand[] = [];
  const listeners = new Set<(e: EngineEvent) => void>();
  const connection: EngineConnection = {
    send: (command) => void sent.push(command),
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    request: async () => new Float32Array(10) as never,
    close: () => {},
  };
  return { connection, sent, emit: (e: EngineEvent) => listeners.forEach((l) => l(e)) };
}

const untrainedModel = initialAppState({ config: DEFAULT_RUN_CONFIG, problems: [] }).model;

const progress = { status: 'training', epoch: 0, epochs: 2, batch: 0, batchesInEpoch: 5, epochExamples: 80, plannedEpochExamples: 80, waiting: false, examplesPerSecond: null, etaSeconds: null, evaluationProgress: null, error: null, numTensors: 10, earlyStopping: null, divergence: null } as const;

function setup() {
  const engine = fakeEngine();
  const settings: string[] = [];
  const store = new AppStore(initialAppState({ config: { ...DEFAULT_RUN_CONFIG, epochs: 2 }, problems: [] }), engine.connection, {
    dataBaseUrl: '/data/',
    decoder: 'auto',
    onSettingsChange: (config) => settings.push(`epochs=${config.epochs}`),
  });
  return { store, ...engine, settings };
}

describe('the UI store', () => {
  it('projects the events of a run: curves appended, evaluations kept per model, the run recorded with its curves', () => {
    const { store, emit } = setup();
    emit({ type: 'model', model: { ...untrainedModel, revision: 1, ready: true, params: 100 } });
    emit({ type: 'runStarted', progress });
    emit({ type: 'progress', progress: { ...progress, batch: 2 }, batches: [{ step: 1, epoch: 0, loss: 2, accuracy: 0.1 }, { step: 2, epoch: 0, loss: 1.8, accuracy: 0.2 }] });
    emit({ type: 'progress', progress: { ...progress, batch: 3 }, batches: [{ step: 3, epoch: 0, loss: 1.5, accuracy: 0.3 }] });
    const epoch = { epoch: 0, loss: 1.5, accuracy: 0.3, valLoss: 1.6, valAccuracy: 0.25, trainExamples: 80, valExamples: 20, seconds: 1 };
    emit({ type: 'epoch', epoch, numTensors: 12 });
    const indices = Int32Array.from([0, 1]);
    emit({ type: 'epochEvaluation', evaluation: { epoch: 0, epochs: 2, modelRevision: 1, indices, probabilities: new Float32Array(20), seconds: 0.1 } });
    let s = store.getState();
    expect(s.training.batches.map((b) => b.step)).toEqual([1, 2, 3]);
    expect(s.training.batch).toBe(3);
    expect(s.training.epochHistory).toEqual([epoch]);
    expect(s.evaluation.epoch?.epoch).toBe(0);
    expect(selectBusy(s)).toBe(true);
    const result = { accuracy: 0.5, loss: 1, count: 2, seconds: 0.2, partial: false, epochsCompleted: 2, epochs: 2 };
    emit({ type: 'testEvaluation', evaluation: { indices, probabilities: new Float32Array(20), seconds: 0.2, modelRevision: 1, result } });
    emit({ type: 'progress', progress: { ...progress, status: 'done' }, batches: [] });
    emit({
      type: 'runEnded',
      run: { id: 1, config: DEFAULT_RUN_CONFIG, spec: SIMPLE_CNN, backend: 'wasm', params: 100, status: 'done', endedAt: { epoch: 1, batch: 5, batchesInEpoch: 5 }, earlyStopping: null, test: result, seconds: 3 },
    });
    s = store.getState();
    expect(s.test).toEqual(result);
    expect(s.runs).toHaveLength(1);
    expect(s.runs[0].batches).toBe(s.training.batches);
    expect(selectBusy(s)).toBe(false);
  });

  it('starts over on reset and on a new run (no stale curves, test result or evaluations)', () => {
    const { store, emit } = setup();
    emit({ type: 'runStarted', progress });
    emit({ type: 'progress', progress, batches: [{ step: 1, epoch: 0, loss: 2, accuracy: 0.1 }] });
    emit({ type: 'reset', progress: { ...progress, status: 'idle' } });
    const s = store.getState();
    expect(s.training.batches).toEqual([]);
    expect(s.test).toBeNull();
    expect(s.evaluation).toEqual({ epoch: null, final: null });
    expect(s.runs).toEqual([]);
  });

  it('places each sheet in the page copy of the dataset, as a new view object', () => {
    const { store, emit } = setup();
    const before = store.getState().dataset;
    const layout = { count: 4, sheets: [{ first: 0, count: 2 }, { first: 2, count: 2 }] };
    emit({ type: 'sheet', split: 'test', sheet: 1, layout, pixels: new Uint8Array(2 * 784).fill(7), labels: Uint8Array.from([1, 2, 3, 4]) });
    const after = store.getState().dataset;
    expect(after).not.toBe(before);
    expect(after.test.image(2)[0]).toBe(7);
    expect(after.test.labels[3]).toBe(4);
    // Only a contiguous prefix counts as available: sheet 0 is still missing.
    expect(after.test.availableCount).toBe(0);
  });

  it('sends commands to the engine and mirrors settings; only events change what the engine owns', () => {
    const { store, sent, settings, emit } = setup();
    store.start();
    store.setConfig({ epochs: 3 });
    store.train();
    expect(sent.map((c) => c.type)).toEqual(['init', 'setConfig', 'train']);
    expect(settings).toEqual(['epochs=3']);
    // Train was sent, but the state says training only once the engine says so.
    expect(store.getState().training.status).toBe('idle');
    expect(selectCanTrain(store.getState())).toBe(false);
    emit({ type: 'backend', backend: { status: 'ready', requested: 'auto', active: 'wasm', renderer: null, software: false, details: null, note: null, error: null } });
    emit({ type: 'model', model: { ...untrainedModel, revision: 1, ready: true, params: 1 } });
    emit({ type: 'data', data: { status: 'ready', progress: null, error: null, trainAvailable: 60000, testAvailable: 10000, decoderNote: null, loadSeconds: 1, offline: NO_OFFLINE_COPY } });
    expect(selectCanTrain(store.getState())).toBe(true);
  });

  it('keeps the image sent to the internals view as a copy and opens the view only when asked to reveal it', () => {
    const { store } = setup();
    const pixels = new Uint8Array(784).fill(9);
    store.setInternalsInput(pixels, 'Your drawing', { reveal: false });
    pixels.fill(0);
    expect(store.getState().ui.internalsInput?.pixels[0]).toBe(9);
    expect(store.getState().ui).toMatchObject({ internalsOpen: false, view: 'train' });
    store.setInternalsInput(pixels, 'Your drawing');
    expect(store.getState().ui).toMatchObject({ internalsOpen: true, view: 'internals', internalsInput: { revision: 2, reveal: true } });
    expect(() => store.setInternalsInput(new Uint8Array(5), 'bad')).toThrow(/784/);
  });

  it('shows one view at a time and mirrors it to the settings, without notifying when it does not change', () => {
    const engine = fakeEngine();
    const views: string[] = [];
    const store = new AppStore(initialAppState({ config: DEFAULT_RUN_CONFIG, problems: [] }, { view: 'runs' }), engine.connection, {
      dataBaseUrl: '/data/',
      decoder: 'auto',
      onSettingsChange: (_config, _spec, ui) => views.push(ui.view),
    });
    let calls = 0;
    store.subscribe(() => calls++);
    expect(store.getState().ui.view).toBe('runs');
    store.setView('runs');
    expect(calls).toBe(0);
    store.setView('evaluate');
    expect(store.getState().ui).toMatchObject({ view: 'evaluate', internalsOpen: false });
    // The internals view computes only while open: going there opens it.
    store.setView('internals');
    expect(store.getState().ui).toMatchObject({ view: 'internals', internalsOpen: true });
    expect(views).toEqual(['evaluate', 'internals']);
    expect(calls).toBe(2);
    // No engine command: the view is the page's own state.
    expect(engine.sent).toEqual([]);
  });

  it('keeps the problems of setting fields until they are fixed, and notifies only on change', () => {
    const { store } = setup();
    let calls = 0;
    store.subscribe(() => calls++);
    store.reportFieldProblem('l2', 'L2 weight decay must be between 0 and 0.1.');
    store.reportFieldProblem('l2', 'L2 weight decay must be between 0 and 0.1.');
    store.reportFieldProblem('epochs', 'Epochs must be a whole number.');
    expect(store.getState().ui.fieldProblems).toEqual({ l2: 'L2 weight decay must be between 0 and 0.1.', epochs: 'Epochs must be a whole number.' });
    store.reportFieldProblem('l2', null);
    store.reportFieldProblem('seed', null);
    expect(store.getState().ui.fieldProblems).toEqual({ epochs: 'Epochs must be a whole number.' });
    expect(calls).toBe(3);
  });

  it('notifies subscribers only when the state really changes', () => {
    const { store } = setup();
    let calls = 0;
    store.subscribe(() => calls++);
    store.setInternalsOpen(false);
    expect(calls).toBe(0);
    store.setInternalsOpen(true);
    expect(calls).toBe(1);
  });
});
