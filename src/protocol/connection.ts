/**
 * The page's end of the protocol: send commands, receive events, ask questions that have one
 * answer (predict, inspect…). Two transports behind one interface: a Web Worker (here), and
 * the engine in the same thread (engine/inProcessConnection.ts: the page's fallback, Node
 * tests). Nothing here imports the engine or TensorFlow.js: this is what the page loads.
 */
import type { EngineCommand, EngineEvent, EngineRequest, ResponseOf } from './messages';

export type EventListener = (event: EngineEvent) => void;

export interface EngineConnection {
  send(command: EngineCommand): void;
  /** Calls `listener` for every event from now on; returns an unsubscribe function. */
  listen(listener: EventListener): () => void;
  /** Sends a request and resolves with its answer (rejects with the engine's message). */
  request<K extends EngineRequest['kind']>(request: Extract<EngineRequest, { kind: K }>): Promise<ResponseOf[K]>;
  close(): void;
}

/** The shared half of both transports: listeners and request ids. */
export class ConnectionBase {
  private readonly listeners = new Set<EventListener>();
  private readonly pending = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  constructor(private readonly post: (command: EngineCommand) => void) {}

  send(command: EngineCommand): void {
    this.post(command);
  }

  listen(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  request<K extends EngineRequest['kind']>(request: Extract<EngineRequest, { kind: K }>): Promise<ResponseOf[K]> {
    const id = this.nextId++;
    return new Promise<ResponseOf[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject });
      this.post({ type: 'request', id, request });
    });
  }

  deliver(event: EngineEvent): void {
    if (event.type === 'response') {
      const waiting = this.pending.get(event.id);
      this.pending.delete(event.id);
      if (event.ok) waiting?.resolve(event.result as never);
      else waiting?.reject(new Error(event.error));
      return;
    }
    this.listeners.forEach((listener) => listener(event));
  }

  failAll(message: string): void {
    this.pending.forEach(({ reject }) => reject(new Error(message)));
    this.pending.clear();
  }

  /** The connection callers hold; closing fails what is still pending, then ends the transport. */
  connection(endTransport: () => void): EngineConnection {
    return {
      send: (command) => this.send(command),
      listen: (listener) => this.listen(listener),
      request: (request) => this.request(request),
      close: () => {
        this.failAll('The engine was closed.');
        endTransport();
      },
    };
  }
}

/** The engine in a dedicated worker. */
export function workerConnection(worker: Worker): EngineConnection {
  const base = new ConnectionBase((command) => worker.postMessage(command));
  worker.onmessage = (message: MessageEvent<EngineEvent>) => base.deliver(message.data);
  return base.connection(() => worker.terminate());
}
