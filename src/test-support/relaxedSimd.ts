/**
 * Node 20's V8 has WebAssembly's relaxed SIMD behind a flag (browsers ship it on): turned on
 * for the tests that run gemm.wat's fused flavour. V8 reads the flag when it compiles a
 * module, so this must run before the first gemmKernels() call of the process.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--experimental-wasm-relaxed-simd');
