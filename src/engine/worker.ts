/// <reference lib="webworker" />
/** The engine's Web Worker: the ML core behind the protocol, off the page's main thread. */
import { browserEngineDeps } from './browserDeps';
import { Engine } from './engine';
import type { EngineCommand } from '../protocol/messages';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const engine = new Engine(browserEngineDeps(), (event, transfer) => scope.postMessage(event, transfer), 'worker');
scope.onmessage = (message: MessageEvent<EngineCommand>) => void engine.handle(message.data);
