/**
 * Serves tfjs-backend-wasm's pthread worker as same-origin files, so a Content-Security-Policy
 * needs no `blob:` scripts.
 *
 * tfjs-backend-wasm 4.22 starts each pthread worker from a blob: URL of its worker script
 * (Emscripten's locateFile('…worker.js'), which tfjs overrides without a hook), and that worker
 * then importScripts() a second blob: holding the threaded factory's source
 * (`mainScriptUrlOrBlob`, built with factory.toString(), which a minifier also breaks). This
 * plugin rewrites both in backend_wasm.js to URLs of two files placed next to the threaded
 * .wasm binary: the build emits them beside it (assets/), the dev server answers them at any
 * path. Being URL-based, it works the same when tfjs runs in a (module) Web Worker, where the
 * pthread workers are nested workers.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

export interface ThreadsFile {
  readonly fileName: string;
  readonly source: string;
}

export interface ThreadsFiles {
  /** The Emscripten pthread worker (a classic worker script). */
  readonly worker: ThreadsFile;
  /** The threaded Emscripten factory; the worker importScripts() it and calls WasmBackendModuleThreadedSimd. */
  readonly main: ThreadsFile;
}

const BACKEND_FILE = /[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
const WORKER_BLOB = /const response = wasmWorkerContents\.replace\([^\n]*\n\s*const blob = new Blob\(\[response\][^\n]*\n\s*return URL\.createObjectURL\(blob\);/;
const MAIN_BLOB = /factoryConfig\.mainScriptUrlOrBlob = new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\], \{ type: 'text\/javascript' \}\);/;

const hashed = (stem: string, source: string) => `${stem}-${createHash('sha256').update(source).digest('hex').slice(0, 10)}.js`;

/** Both files from the installed tfjs-backend-wasm (names carry a content hash, for caching). */
export function readThreadsFiles(fromDir: string = process.cwd()): ThreadsFiles {
  const require = createRequire(join(fromDir, 'package.json'));
  const wasmOut = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'wasm-out');
  // The worker ships as a CommonJS string; tfjs escapes its newlines the same way before making the blob.
  const { wasmWorkerContents } = require(join(wasmOut, 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string };
  const workerSource = wasmWorkerContents.replace(/\n/g, '\\n');
  // Defines `var WasmBackendModuleThreadedSimd` as a classic script; its CommonJS/AMD tail does nothing in a worker.
  const mainSource = readFileSync(join(wasmOut, 'tfjs-backend-wasm-threaded-simd.js'), 'utf8');
  if (!mainSource.includes('var WasmBackendModuleThreadedSimd =')) throw new Error('tfjs-backend-wasm: the threaded factory does not define WasmBackendModuleThreadedSimd (has the package changed?)');
  return {
    worker: { fileName: hashed('tfjs-wasm-threads-worker', workerSource), source: workerSource },
    main: { fileName: hashed('tfjs-wasm-threads-main', mainSource), source: mainSource },
  };
}

/** backend_wasm.js with both blobs replaced by URLs of `files`, next to the threaded .wasm binary. */
export function patchBackendWasm(code: string, files: ThreadsFiles): string {
  if (!WORKER_BLOB.test(code) || !MAIN_BLOB.test(code)) {
    throw new Error('tfjs-backend-wasm: backend_wasm.js does not create its threads worker as expected (has the package changed?)');
  }
  const helper = `
/* Added by the app's build: same-origin URLs for the threads worker (no blob:, see wasmThreadsWorkerFiles.ts). */
function sameOriginThreadsFile(name) {
    const wasm = getPathToWasmBinary(true, true, wasmPathPrefix != null ? wasmPathPrefix : '');
    return new URL(name, new URL(wasm, self.location.href)).href;
}
`;
  return (
    code
      .replace(WORKER_BLOB, `return sameOriginThreadsFile(${JSON.stringify(files.worker.fileName)});`)
      .replace(MAIN_BLOB, `factoryConfig.mainScriptUrlOrBlob = sameOriginThreadsFile(${JSON.stringify(files.main.fileName)});`) + helper
  );
}

export interface WasmThreadsWorkerFilesOptions {
  /** false for the plugin instance of worker bundles: the app build emits the files once. */
  readonly emit?: boolean;
}

export function wasmThreadsWorkerFiles(options: WasmThreadsWorkerFilesOptions = {}): Plugin {
  const files = readThreadsFiles();
  const byName = new Map([files.worker, files.main].map((f) => [f.fileName, f.source]));
  const transform = (code: string, id: string) => (BACKEND_FILE.test(id) ? { code: patchBackendWasm(code, files), map: null } : null);
  let assetsDir = 'assets';
  return {
    name: 'tfjs-wasm-threads-worker-files',
    // The dev server pre-bundles tfjs-backend-wasm, so the patch must run in that bundler too.
    config: () => ({ optimizeDeps: { rolldownOptions: { plugins: [{ name: 'tfjs-wasm-threads-worker-files:deps', transform }] } } }),
    configResolved(config) {
      assetsDir = config.build.assetsDir;
    },
    transform,
    configureServer(server) {
      // In dev the .wasm URL is a node_modules path; the files are answered wherever they are asked for.
      server.middlewares.use((req, res, next) => {
        const name = (req.url ?? '').split('?')[0].split('/').pop() ?? '';
        const source = byName.get(name);
        if (source === undefined) return next();
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        res.end(source);
      });
    },
    generateBundle() {
      if (options.emit === false) return;
      for (const file of [files.worker, files.main]) this.emitFile({ type: 'asset', fileName: `${assetsDir}/${file.fileName}`, source: file.source });
    },
  };
}
