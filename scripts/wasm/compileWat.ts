/**
 * Compiles src/ml/backends/wasm/simd/kernels.wat to WebAssembly with wabt (the WebAssembly
 * binary toolkit, as an npm package: no native toolchain), in its two memory flavours.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';

export const WAT_PATH = fileURLToPath(new URL('../../src/ml/backends/wasm/simd/kernels.wat', import.meta.url));
export const BINARY_MODULE_PATH = fileURLToPath(new URL('../../src/ml/backends/wasm/simd/simdKernelsBinary.ts', import.meta.url));

const MEMORY_LINE = /^.*;; MEMORY$/m;
/** tfjs's threaded build shares its memory (4 GiB maximum); the single-threaded one does not. */
const MEMORY_IMPORTS = {
  shared: '  (import "env" "memory" (memory 1 65536 shared))',
  unshared: '  (import "env" "memory" (memory 1))',
} as const;

export async function compileKernels(source = readFileSync(WAT_PATH, 'utf8')): Promise<Record<keyof typeof MEMORY_IMPORTS, Uint8Array>> {
  if (!MEMORY_LINE.test(source)) throw new Error('kernels.wat has no line ending in ";; MEMORY"');
  const toolkit = await wabt();
  const build = (memory: string) => {
    const module = toolkit.parseWat('kernels.wat', source.replace(MEMORY_LINE, memory), { simd: true, threads: true, bulk_memory: true });
    try {
      // Validated by the engine that will run it: wabt's own validate() ignores the features above.
      const bytes = new Uint8Array(module.toBinary({}).buffer);
      if (!WebAssembly.validate(bytes)) throw new Error('kernels.wat compiled to a module this JavaScript engine rejects');
      return bytes;
    } finally {
      module.destroy();
    }
  };
  return { shared: build(MEMORY_IMPORTS.shared), unshared: build(MEMORY_IMPORTS.unshared) };
}

/** The TypeScript module that carries both binaries (base64), as written to BINARY_MODULE_PATH. */
export function binaryModuleSource(binaries: Record<'shared' | 'unshared', Uint8Array>): string {
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return [
    '// Generated from kernels.wat by `npm run build:wasm-kernels` (scripts/wasm/); do not edit.',
    '// A unit test fails when this file and kernels.wat disagree.',
    `export const SHARED_MEMORY_KERNELS = '${b64(binaries.shared)}';`,
    `export const UNSHARED_MEMORY_KERNELS = '${b64(binaries.unshared)}';`,
    '',
  ].join('\n');
}
