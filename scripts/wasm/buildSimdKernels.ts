/** Regenerates src/ml/backends/wasm/simd/simdKernelsBinary.ts from kernels.wat and gemmBinary.ts from gemm.wat. */
import { writeFileSync } from 'node:fs';
import { BINARY_MODULE_PATH, binaryModuleSource, compileGemm, compileKernels, GEMM_BINARY_MODULE_PATH, gemmBinaryModuleSource } from './compileWat';

const binaries = await compileKernels();
writeFileSync(BINARY_MODULE_PATH, binaryModuleSource(binaries));
console.log(`wrote ${BINARY_MODULE_PATH} (${binaries.shared.length} and ${binaries.unshared.length} bytes of WebAssembly)`);
const gemm = await compileGemm();
writeFileSync(GEMM_BINARY_MODULE_PATH, gemmBinaryModuleSource(gemm));
console.log(`wrote ${GEMM_BINARY_MODULE_PATH} (${gemm.relaxedShared.length} bytes of WebAssembly in each of four flavours)`);
