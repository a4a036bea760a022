import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { threadedFactorySource, wasmThreadsWorkerSource } from './wasmThreadsWorkerSource';

const require = createRequire(import.meta.url);
const backendFile = require.resolve('@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js');
const factoryFile = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');

describe('the threaded WASM worker source', () => {
  it('is the whole Emscripten factory function of the installed tfjs-backend-wasm', () => {
    const source = threadedFactorySource(readFileSync(factoryFile, 'utf8'));
    expect(source.startsWith('function(WasmBackendModuleThreadedSimd)')).toBe(true);
    expect(source.trimEnd().endsWith('}')).toBe(true);
    // It parses as one function expression (defined, never run), as the worker will read it.
    const factory = new Function(`return (${source});`)() as unknown;
    expect(typeof factory).toBe('function');
  });

  it('replaces only the toString() call in backend_wasm.js with that source as a string literal', () => {
    const plugin = wasmThreadsWorkerSource();
    const transform = plugin.transform as (code: string, id: string) => { code: string } | null;
    const code = readFileSync(backendFile, 'utf8');
    const out = transform.call({ error: (message: string) => { throw new Error(message); } }, code, backendFile);
    expect(out).not.toBeNull();
    expect(out!.code).not.toContain('wasmFactoryThreadedSimd.toString()');
    expect(out!.code).toContain('"function(WasmBackendModuleThreadedSimd)');
    expect(transform.call({}, 'const x = 1;', '/some/other/module.js')).toBeNull();
  });

  it('refuses a layout it does not recognise, rather than building a broken worker', () => {
    expect(() => threadedFactorySource('var nothing = 1;')).toThrow(/not found where expected/);
  });
});
