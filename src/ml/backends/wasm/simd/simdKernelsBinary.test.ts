import { describe, expect, it } from 'vitest';
import { compileGemm, compileKernels } from '../../../../../scripts/wasm/compileWat';
import { GEMM_RELAXED_SHARED, GEMM_RELAXED_UNSHARED, GEMM_SHARED, GEMM_UNSHARED } from './gemmBinary';
import { SHARED_MEMORY_KERNELS, UNSHARED_MEMORY_KERNELS } from './simdKernelsBinary';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('the committed SIMD kernels binary', () => {
  it('is what kernels.wat compiles to (run `npm run build:wasm-kernels` after editing it)', async () => {
    const binaries = await compileKernels();
    expect(b64(binaries.shared)).toBe(SHARED_MEMORY_KERNELS);
    expect(b64(binaries.unshared)).toBe(UNSHARED_MEMORY_KERNELS);
  });

  it('holds the four flavours gemm.wat compiles to', async () => {
    const binaries = await compileGemm();
    expect(b64(binaries.relaxedShared)).toBe(GEMM_RELAXED_SHARED);
    expect(b64(binaries.relaxedUnshared)).toBe(GEMM_RELAXED_UNSHARED);
    expect(b64(binaries.shared)).toBe(GEMM_SHARED);
    expect(b64(binaries.unshared)).toBe(GEMM_UNSHARED);
    // Only the relaxed flavours need relaxed SIMD (this Node has it behind a flag, not set here).
    expect(WebAssembly.validate(Buffer.from(GEMM_UNSHARED, 'base64'))).toBe(true);
    expect(GEMM_RELAXED_UNSHARED).not.toBe(GEMM_UNSHARED);
  });

  it('declares a shared memory import in one flavour only', async () => {
    const module = new WebAssembly.Module(Buffer.from(SHARED_MEMORY_KERNELS, 'base64'));
    const exports = WebAssembly.Module.exports(module).map((e) => e.name).sort();
    expect(exports).toEqual(['adam', 'filterGrad3x3SingleChannel', 'im2colTransposedTap', 'maxPoolGrad2x2', 'reluGrad', 'scaleShift', 'scaleShift2', 'sumRowProducts', 'sumRows', 'transpose']);
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    const plain = new WebAssembly.Memory({ initial: 1 });
    expect(() => new WebAssembly.Instance(module, { env: { memory: shared } })).not.toThrow();
    expect(() => new WebAssembly.Instance(module, { env: { memory: plain } })).toThrow();
    const unsharedModule = new WebAssembly.Module(Buffer.from(UNSHARED_MEMORY_KERNELS, 'base64'));
    expect(() => new WebAssembly.Instance(unsharedModule, { env: { memory: plain } })).not.toThrow();
  });
});
