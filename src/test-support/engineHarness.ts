/**
 * Drives the engine through its protocol in Node: the real Engine on the CPU backend, fed
 * by an in-memory dataset server, with helpers that wait on the engine's own events.
 */
import type { EngineConnection } from '../protocol/connection';
import { inProcessConnection } from '../engine/inProcessConnection';
import type { EngineEvent } from '../protocol/messages';
import { PROTOCOL_VERSION } from '../protocol/messages';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../ml/config/runConfig';
import { pureSheetDecoder } from '../ml/data/loader';
import type { ModelSpec } from '../ml/model/spec';
import { SIMPLE_CNN } from '../ml/model/spec';
import { fakeDataServer } from './fakeDataServer';
import { loadRealSubset } from './realData';
import type { ModelStorage } from '../platform/modelStorage';
import type { BackendPlatform } from '../ml/backends/activateBackend';

/** Small and fast on the CPU backend: only the plumbing is under test, not the accuracy. */
export const TINY_CNN: ModelSpec = {
  ...SIMPLE_CNN,
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
    { type: 'flatten' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};

export const TINY_CONFIG: RunConfig = { ...DEFAULT_RUN_CONFIG, backend: 'cpu', trainSize: 96, testSize: 40, epochs: 2, batchSize: 16, validationSplit: 0.25 };

export function tinyServer() {
  const train = loadRealSubset('train', 120);
  const test = loadRealSubset('test', 40);
  return fakeDataServer({ train: { ...train, sheetCounts: [60, 60] }, test: { ...test, sheetCounts: [40] } });
}

/** How long a probe waits for an event by default (well under the tests' 300 s). */
export const PROBE_TIMEOUT_MS = 120_000;

const describeMatch = (match: (...args: never[]) => boolean): string => {
  const source = match.toString().replace(/\s+/g, ' ');
  return source === '() => true' ? 'anything' : source.length > 160 ? `${source.slice(0, 157)}...` : source;
};

export class EngineProbe {
  readonly events: EngineEvent[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(readonly connection: EngineConnection) {
    connection.listen((event) => {
      this.events.push(event);
      this.waiters.forEach((wake) => wake());
    });
  }

  /**
   * Resolves with the first event from index `from` on that matches; rejects after
   * `timeoutMs` with a message naming the event and condition waited for, and the events seen.
   * Generous by default (a busy machine is slow), but a regression fails instead of hanging.
   */
  next<T extends EngineEvent['type']>(
    type: T,
    match: (e: Extract<EngineEvent, { type: T }>) => boolean = () => true,
    from = 0,
    timeoutMs = PROBE_TIMEOUT_MS,
  ): Promise<Extract<EngineEvent, { type: T }>> {
    return new Promise((resolve, reject) => {
      const finish = () => {
        this.waiters.delete(check);
        clearTimeout(timer);
      };
      const check = () => {
        const found = this.events.slice(from).find((e): e is Extract<EngineEvent, { type: T }> => e.type === type && match(e as Extract<EngineEvent, { type: T }>));
        if (found) {
          finish();
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`Waited ${timeoutMs / 1000} s for a '${type}' event matching ${describeMatch(match)} (from event ${from}); saw: ${this.recentEventTypes(from)}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  private recentEventTypes(from: number): string {
    const seen = this.events.slice(from).map((e) => e.type);
    return seen.length === 0 ? 'no events' : seen.slice(-12).join(', ') + (seen.length > 12 ? ` (last 12 of ${seen.length})` : '');
  }

  of<T extends EngineEvent['type']>(type: T): Extract<EngineEvent, { type: T }>[] {
    return this.events.filter((e): e is Extract<EngineEvent, { type: T }> => e.type === type);
  }

  mark(): number {
    return this.events.length;
  }
}

export function startTestEngine(options: { config?: Partial<RunConfig>; spec?: ModelSpec; server?: ReturnType<typeof tinyServer>; pretrainedUrl?: string; openStorage?: () => Promise<ModelStorage>; backendPlatform?: BackendPlatform } = {}) {
  const server = options.server ?? tinyServer();
  const connection = inProcessConnection({
    fetch: server.fetch,
    decoders: () => [pureSheetDecoder],
    backendPlatform: options.backendPlatform ?? {},
    readGpuInfo: () => null,
    openStorage: options.openStorage,
  });
  const timed = answersInTime(connection);
  const probe = new EngineProbe(timed);
  const config = { ...TINY_CONFIG, ...options.config };
  connection.send({ type: 'init', version: PROTOCOL_VERSION, setup: { config, spec: options.spec ?? TINY_CNN, dataBaseUrl: server.baseUrl, decoder: 'pure', pretrainedUrl: options.pretrainedUrl ?? null } });
  return { connection: timed, probe, server, config };
}

/**
 * The connection with a deadline on every request: an answer that never comes fails the test
 * naming the request, instead of waiting for the test's own timeout (300 s) without a word.
 */
export function answersInTime(connection: EngineConnection, timeoutMs = PROBE_TIMEOUT_MS): EngineConnection {
  return {
    ...connection,
    request: (request) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Waited ${timeoutMs / 1000} s for the engine's answer to a '${request.kind}' request`)), timeoutMs);
        connection.request(request).then(
          (answer) => {
            clearTimeout(timer);
            resolve(answer);
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(error as Error);
          },
        );
      }),
  };
}

/** Waits until the backend is up, every image is loaded and a model is built. */
export async function untilReady(probe: EngineProbe): Promise<void> {
  await probe.next('data', (e) => e.data.status === 'ready');
  await probe.next('model', (e) => e.model.ready);
}
