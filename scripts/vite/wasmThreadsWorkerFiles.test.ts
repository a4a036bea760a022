import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { patchBackendWasm, readThreadsFiles } from './wasmThreadsWorkerFiles';

const require = createRequire(import.meta.url);
const backendFile = require.resolve('@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js');

describe('the WASM threads worker as same-origin files', () => {
  const files = readThreadsFiles();

  it('reads a worker script and the threaded factory that parse as classic scripts', () => {
    expect(files.worker.fileName).toMatch(/^tfjs-wasm-threads-worker-[0-9a-f]{10}\.js$/);
    expect(files.main.fileName).toMatch(/^tfjs-wasm-threads-main-[0-9a-f]{10}\.js$/);
    expect(files.worker.source).toContain('importScripts(e.data.urlOrBlob)');
    // Both parse (defined, never run), as the worker will read them.
    expect(() => new Function(files.worker.source)).not.toThrow();
    const factory = new Function(`${files.main.source}; return WasmBackendModuleThreadedSimd;`)() as unknown;
    expect(typeof factory).toBe('function');
  });

  it('patches backend_wasm.js to load both from URLs next to the .wasm binary, with no blob left', () => {
    const patched = patchBackendWasm(readFileSync(backendFile, 'utf8'), files);
    expect(patched).not.toMatch(/new Blob|createObjectURL|toString\(\)/);
    expect(patched).toContain(`return sameOriginThreadsFile("${files.worker.fileName}");`);
    expect(patched).toContain(`factoryConfig.mainScriptUrlOrBlob = sameOriginThreadsFile("${files.main.fileName}");`);
    expect(patched).toContain('function sameOriginThreadsFile(name)');
  });

  it('refuses a layout it does not recognise, rather than building a broken backend', () => {
    expect(() => patchBackendWasm('export const nothing = 1;', files)).toThrow(/does not create its threads worker as expected/);
  });
});
