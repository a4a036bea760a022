/**
 * What end-to-end tests need and no user action can do: lose the engine's GPU context, as a
 * driver reset would (WEBGL_lose_context in the worker). Loaded only when a test sets
 * window.__PLAYGROUND_TEST__ before the page's scripts run, so no link can reach it.
 */
import type { EngineConnection } from '../protocol/connection';

export interface PlaygroundTestHooks {
  /** Resolves true when a context was lost, false where the backend has none (CPU, WASM). */
  loseDevice(): Promise<boolean>;
}

export function installTestHooks(engine: EngineConnection): void {
  const hooks: PlaygroundTestHooks = { loseDevice: () => engine.request({ kind: 'loseDevice' }) };
  (window as unknown as { playgroundTest: PlaygroundTestHooks }).playgroundTest = hooks;
}
