/**
 * Compiles src/ml/backends/wasm/simd/kernels.wat to WebAssembly with wabt (the WebAssembly
 * binary toolkit, as an npm package: no native toolchain), in its two memory flavours, and
 * gemm.wat in four: each memory, with relaxed SIMD's fused multiply-add and without it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';

export const WAT_PATH = fileURLToPath(new URL('../../src/ml/backends/wasm/simd/kernels.wat', import.meta.url));
export const BINARY_MODULE_PATH = fileURLToPath(new URL('../../src/ml/backends/wasm/simd/simdKernelsBinary.ts', import.meta.url));
export const GEMM_WAT_PATH = fileURLToPath(new URL('../../src/ml/backends/wasm/simd/gemm.wat', import.meta.url));
export const GEMM_BINARY_MODULE_PATH = fileURLToPath(new URL('../../src/ml/backends/wasm/simd/gemmBinary.ts', import.meta.url));

const MEMORY_LINE = /^.*;; MEMORY$/m;
/** tfjs's threaded build shares its memory (4 GiB maximum); the single-threaded one does not. */
const MEMORY_IMPORTS = {
  shared: '  (import "env" "memory" (memory 1 65536 shared))',
  unshared: '  (import "env" "memory" (memory 1))',
} as const;

export async function compileKernels(source = readFileSync(WAT_PATH, 'utf8')): Promise<Record<keyof typeof MEMORY_IMPORTS, Uint8Array>> {
  return { shared: await compile('kernels.wat', source, 'shared'), unshared: await compile('kernels.wat', source, 'unshared') };
}

/** `(f32x4.relaxed_madd (local.get $a) (local.get $b) (local.get $c))`, as gemm.wat writes every one. */
const RELAXED_MADD = /\(f32x4\.relaxed_madd \(local\.get (\$\w+)\) \(local\.get (\$\w+)\) \(local\.get (\$\w+)\)\)/g;

/** The same WAT with each fused multiply-add as a multiply and an add (no relaxed SIMD needed). */
export function withoutRelaxedSimd(source: string): string {
  return source.replace(RELAXED_MADD, '(f32x4.add (f32x4.mul (local.get $1) (local.get $2)) (local.get $3))');
}

export interface GemmBinaries {
  relaxedShared: Uint8Array;
  relaxedUnshared: Uint8Array;
  shared: Uint8Array;
  unshared: Uint8Array;
}

export async function compileGemm(source = readFileSync(GEMM_WAT_PATH, 'utf8')): Promise<GemmBinaries> {
  const plain = withoutRelaxedSimd(source);
  if (/\(\w+\.relaxed_/.test(plain)) throw new Error('gemm.wat has a relaxed SIMD instruction withoutRelaxedSimd() does not rewrite');
  return {
    relaxedShared: await compile('gemm.wat', source, 'shared', true),
    relaxedUnshared: await compile('gemm.wat', source, 'unshared', true),
    shared: await compile('gemm.wat', plain, 'shared'),
    unshared: await compile('gemm.wat', plain, 'unshared'),
  };
}

async function compile(name: string, source: string, memory: keyof typeof MEMORY_IMPORTS, relaxed = false): Promise<Uint8Array> {
  if (!MEMORY_LINE.test(source)) throw new Error(`${name} has no line ending in ";; MEMORY"`);
  const toolkit = await wabt();
  const module = toolkit.parseWat(name, source.replace(MEMORY_LINE, MEMORY_IMPORTS[memory]), { simd: true, threads: true, bulk_memory: true, relaxed_simd: relaxed });
  try {
    // Validated by the engine that will run it where it can: wabt's own validate() ignores the
    // features above, and this Node may need a flag for relaxed SIMD (see gemmKernels.ts).
    const bytes = new Uint8Array(module.toBinary({}).buffer);
    if (!relaxed && !WebAssembly.validate(bytes)) throw new Error(`${name} compiled to a module this JavaScript engine rejects`);
    return bytes;
  } finally {
    module.destroy();
  }
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

/** The TypeScript module that carries gemm.wat's four binaries (base64), as written to GEMM_BINARY_MODULE_PATH. */
export function gemmBinaryModuleSource(binaries: GemmBinaries): string {
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return [
    '// Generated from gemm.wat by `npm run build:wasm-kernels` (scripts/wasm/); do not edit.',
    '// A unit test fails when this file and gemm.wat disagree.',
    `export const GEMM_RELAXED_SHARED = '${b64(binaries.relaxedShared)}';`,
    `export const GEMM_RELAXED_UNSHARED = '${b64(binaries.relaxedUnshared)}';`,
    `export const GEMM_SHARED = '${b64(binaries.shared)}';`,
    `export const GEMM_UNSHARED = '${b64(binaries.unshared)}';`,
    '',
  ].join('\n');
}
