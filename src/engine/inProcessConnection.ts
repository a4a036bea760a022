/** The engine in the caller's thread, behind the same connection as the worker's. */
import { ConnectionBase, type EngineConnection } from '../protocol/connection';
import { Engine, type EngineDeps } from './engine';

/**
 * The engine in this thread. Events are delivered in a later microtask, as from a worker, so
 * callers never see an event before `send` returns.
 */
export function inProcessConnection(deps: EngineDeps, thread: 'worker' | 'page' = 'page'): EngineConnection {
  let engine: Engine | null = null;
  const base = new ConnectionBase((command) => {
    queueMicrotask(() => void engine?.handle(command));
  });
  engine = new Engine(deps, (event) => queueMicrotask(() => base.deliver(event)), thread);
  return base.connection(() => {
    engine = null;
  });
}
