/**
 * Starts the engine in a dedicated Web Worker, so training never blocks the page. Where the
 * browser cannot run it there (no module workers, or the worker fails before it is ready),
 * the same engine runs on the page instead, and the backend details say so. The page's engine
 * is loaded by a dynamic import only then: this module never imports the engine.
 */
import { workerConnection, type EngineConnection } from '../protocol/connection';
import type { EngineCommand, EngineEvent } from '../protocol/messages';


/** A connection that starts on a worker and, if the worker dies before 'ready', replays its commands on the page. */
export function startEngine(onFallback: (reason: string) => void): EngineConnection {
  let sent: EngineCommand[] | null = [];
  const listeners = new Set<(event: EngineEvent) => void>();
  let current: EngineConnection;
  let detach: () => void = () => {};

  const attach = (connection: EngineConnection) => {
    detach();
    current = connection;
    detach = connection.listen((event) => {
      if (event.type === 'ready') sent = null;
      listeners.forEach((listener) => listener(event));
    });
  };

  const fallBack = async (reason: string) => {
    const replay = sent ?? [];
    sent = null;
    current?.close();
    const { pageEngineConnection } = await import('../engine/pageEngine');
    attach(pageEngineConnection());
    onFallback(reason);
    replay.forEach((command) => current.send(command));
  };

  if (import.meta.env.MODE === 'bench' && (globalThis as { __PLAYGROUND_BENCH_ENGINE_ON_PAGE__?: unknown }).__PLAYGROUND_BENCH_ENGINE_ON_PAGE__ === true) {
    // Only the benchmark sets this (before the page's scripts run; no address can): it times the
    // engine on the page against the engine in its worker, in the same run.
    attach(deferredPageConnection());
    onFallback('The benchmark runs the engine on the page, to compare it with the worker.');
  } else if (typeof Worker === 'undefined') {
    attach(deferredPageConnection());
    onFallback('This browser has no Web Workers.');
  } else {
    try {
      const worker = new Worker(new URL('../engine/worker.ts', import.meta.url), { type: 'module', name: 'engine' });
      worker.addEventListener('error', (e) => {
        if (sent !== null) void fallBack(`The engine's worker could not start (${e.message || 'script error'}).`);
      });
      attach(workerConnection(worker));
    } catch (error) {
      attach(deferredPageConnection());
      onFallback(`The engine's worker could not start (${(error as Error).message}).`);
    }
  }

  return {
    send: (command) => {
      sent?.push(command);
      current.send(command);
    },
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    request: (request) => current.request(request),
    close: () => current.close(),
  };
}

/** The page engine, loaded on first use (it pulls in TensorFlow.js). */
function deferredPageConnection(): EngineConnection {
  const ready = import('../engine/pageEngine').then(({ pageEngineConnection }) => pageEngineConnection());
  const listeners = new Set<(event: EngineEvent) => void>();
  void ready.then((connection) => connection.listen((event) => listeners.forEach((l) => l(event))));
  return {
    send: (command) => void ready.then((c) => c.send(command)),
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    request: (request) => ready.then((c) => c.request(request)),
    close: () => void ready.then((c) => c.close()),
  };
}
