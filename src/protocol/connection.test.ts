import { describe, expect, it, vi } from 'vitest';
import { ConnectionBase } from './connection';
import type { EngineCommand, EngineEvent } from './messages';

/** Both transports (the worker's and the engine in this thread) are this base with a different post and end. */
function transport() {
  const posted: EngineCommand[] = [];
  const ended = vi.fn();
  const base = new ConnectionBase((command) => posted.push(command));
  return { base, posted, ended, connection: base.connection(ended) };
}

describe('ConnectionBase', () => {
  it('matches each answer to its request by id, whatever the order, and keeps answers from listeners', async () => {
    const { base, posted, connection } = transport();
    const heard: EngineEvent['type'][] = [];
    connection.listen((event) => heard.push(event.type));
    const first = connection.request({ kind: 'interruptedRun', action: 'discard' });
    const second = connection.request({ kind: 'restoreStartWeights' });
    const ids = posted.map((command) => (command.type === 'request' ? command.id : -1));
    expect(new Set(ids).size).toBe(2);
    base.deliver({ type: 'response', id: ids[1], ok: false, error: 'No weights from before the run.' });
    base.deliver({ type: 'response', id: ids[0], ok: true, result: null });
    await expect(first).resolves.toBeNull();
    await expect(second).rejects.toThrow('No weights from before the run.');
    base.deliver({ type: 'runModel', kept: false } as unknown as EngineEvent);
    expect(heard).toEqual(['runModel']);
  });

  it('stops calling a listener that unsubscribed', () => {
    const { base, connection } = transport();
    const listener = vi.fn();
    const stop = connection.listen(listener);
    stop();
    base.deliver({ type: 'runModel', kept: false } as unknown as EngineEvent);
    expect(listener).not.toHaveBeenCalled();
  });

  it('closing fails what is still waiting for an answer, then ends the transport', async () => {
    const { connection, ended } = transport();
    const pending = connection.request({ kind: 'restoreStartWeights' });
    connection.close();
    await expect(pending).rejects.toThrow('The engine was closed.');
    expect(ended).toHaveBeenCalledTimes(1);
  });
});
