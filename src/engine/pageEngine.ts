/**
 * The engine on the page, for browsers where its worker cannot start. The page loads this
 * module only then, through a dynamic import (it pulls in TensorFlow.js).
 */
import type { EngineConnection } from '../protocol/connection';
import { browserEngineDeps } from './browserDeps';
import { inProcessConnection } from './inProcessConnection';

export function pageEngineConnection(): EngineConnection {
  return inProcessConnection(browserEngineDeps(), 'page');
}
