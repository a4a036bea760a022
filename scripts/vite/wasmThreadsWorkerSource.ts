/**
 * Lets tfjs's threaded WASM backend survive a minifying build.
 *
 * tfjs-backend-wasm starts each pthread worker from the *source text* of its Emscripten
 * factory: `new Blob(['var WasmBackendModuleThreadedSimd = ' + factory.toString()])`. After
 * minification that text refers to renamed outer-scope identifiers that do not exist in the
 * worker ("e is not defined"), so every worker dies and the backend never starts. This plugin
 * replaces that `toString()` call with the factory's original source as a string literal,
 * which the minifier leaves alone. The main thread still runs the bundled (minified) factory:
 * both come from the same Emscripten build and talk through quoted message fields.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const FACTORY_CALL = 'wasmFactoryThreadedSimd.toString()';

/** The inner `function(WasmBackendModuleThreadedSimd) {…}` of the Emscripten output. */
export function threadedFactorySource(emscriptenOutput: string): string {
  const start = emscriptenOutput.indexOf('function(WasmBackendModuleThreadedSimd)');
  const end = emscriptenOutput.lastIndexOf('\n);\n})();');
  if (start < 0 || end < start) throw new Error('tfjs-backend-wasm: the threaded factory was not found where expected (has the package layout changed?)');
  return emscriptenOutput.slice(start, end);
}

export function wasmThreadsWorkerSource(): Plugin {
  return {
    name: 'tfjs-wasm-threads-worker-source',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/.test(id)) return null;
      if (!code.includes(FACTORY_CALL)) this.error(`tfjs-backend-wasm: expected "${FACTORY_CALL}" in ${id}`);
      const require = createRequire(id);
      const factoryFile = require.resolve('../wasm-out/tfjs-backend-wasm-threaded-simd.js');
      const source = threadedFactorySource(readFileSync(factoryFile, 'utf8'));
      return { code: code.replace(FACTORY_CALL, JSON.stringify(source)), map: null };
    },
  };
}
