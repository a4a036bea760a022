/** Regenerates src/ml/backends/wasm/simd/simdKernelsBinary.ts from kernels.wat. */
import { writeFileSync } from 'node:fs';
import { BINARY_MODULE_PATH, binaryModuleSource, compileKernels } from './compileWat';

const binaries = await compileKernels();
writeFileSync(BINARY_MODULE_PATH, binaryModuleSource(binaries));
console.log(`wrote ${BINARY_MODULE_PATH} (${binaries.shared.length} and ${binaries.unshared.length} bytes of WebAssembly)`);
